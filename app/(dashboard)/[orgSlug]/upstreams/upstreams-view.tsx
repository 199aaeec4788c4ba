"use client";
import { useQuery } from "@tanstack/react-query";
import { Server } from "lucide-react";
import { CreateUpstreamDialog } from "@/app/(dashboard)/[orgSlug]/upstreams/create-upstream-dialog";
import { RemoveUpstreamButton } from "@/app/(dashboard)/[orgSlug]/upstreams/remove-upstream-button";
import { useOrg } from "@/app/(dashboard)/_components/org-context";
import { PageHeader } from "@/app/(dashboard)/_components/page-header";
import { useOrigin } from "@/app/_components/quick-start";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Card } from "@/app/_components/ui/card";
import { CopyButton } from "@/app/_components/ui/copy-button";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { errorMessage } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";
import { formatDate } from "@/app/_lib/utils";

export function UpstreamsView() {
  const trpc = useTRPC();
  const { can } = useOrg();
  const origin = useOrigin();
  const upstreams = useQuery(trpc.upstreams.list.queryOptions());
  const canWrite = can("upstreams.write");

  return (
    <>
      <PageHeader
        title="Upstreams"
        description="The services your agents call. Each gets a gateway URL; the upstream's own credential stays encrypted in Aegis and is injected only into allowed requests."
        actions={canWrite ? <CreateUpstreamDialog /> : null}
      />
      <Card>
        {upstreams.isPending ? (
          <div className="grid gap-2 p-4" aria-busy aria-label="Loading upstreams">
            {[0, 1, 2].map((i) => <Skeleton key={i} className="h-8 w-full" />)}
          </div>
        ) : upstreams.isError ? (
          <Alert variant="destructive" className="m-4 w-auto">{errorMessage(upstreams.error)}</Alert>
        ) : upstreams.data.length === 0 ? (
          <EmptyState
            icon={Server}
            title="No upstreams yet"
            description="Register the API your agents call (for example https://api.openai.com) and point them at its gateway URL instead."
            action={canWrite ? <CreateUpstreamDialog /> : null}
          />
        ) : (
          <Table aria-label="Upstreams">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Forwards to</TableHead>
                <TableHead>Gateway URL</TableHead>
                <TableHead>Credential</TableHead>
                <TableHead>Timeout</TableHead>
                <TableHead>Created</TableHead>
                {canWrite ? <TableHead className="w-0"><span className="sr-only">Actions</span></TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {upstreams.data.map((u) => {
                const gatewayUrl = `${origin}/v1/gateway/${u.name}`;
                return (
                  <TableRow key={u.id} data-testid={`upstream-row-${u.name}`}>
                    <TableCell className="font-mono text-xs font-medium">{u.name}</TableCell>
                    <TableCell className="max-w-64 truncate text-muted-foreground" title={u.baseUrl}>
                      {u.baseUrl}
                      {u.allowPrivate ? <Badge variant="warning" className="ml-2">private network</Badge> : null}
                    </TableCell>
                    <TableCell>
                      <div className="flex items-center gap-1">
                        <code className="max-w-64 truncate font-mono text-xs" title={gatewayUrl}>{gatewayUrl}</code>
                        <CopyButton value={gatewayUrl} label="" aria-label={`Copy gateway URL of ${u.name}`} variant="ghost" />
                      </div>
                    </TableCell>
                    <TableCell>
                      {u.hasSecret ? (
                        <Badge variant="success" title="Injected at request time">{u.injectHeader ?? "injected"}</Badge>
                      ) : (
                        <span className="text-muted-foreground">None</span>
                      )}
                    </TableCell>
                    <TableCell className="whitespace-nowrap text-muted-foreground">{(u.timeoutMs / 1000).toLocaleString()} s</TableCell>
                    <TableCell className="whitespace-nowrap text-muted-foreground">{formatDate(u.createdAt)}</TableCell>
                    {canWrite ? (
                      <TableCell className="text-right"><RemoveUpstreamButton upstreamId={u.id} name={u.name} /></TableCell>
                    ) : null}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </Card>
    </>
  );
}
