"use client";
import { useQuery } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { CreateKeyDialog } from "@/app/(dashboard)/[orgSlug]/keys/create-key-dialog";
import { RevokeKeyButton } from "@/app/(dashboard)/[orgSlug]/keys/revoke-key-button";
import { useOrg } from "@/app/(dashboard)/_components/org-context";
import { PageHeader } from "@/app/(dashboard)/_components/page-header";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Card } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { errorMessage } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";
import { formatDate, formatDateTime, formatRelative } from "@/app/_lib/utils";

const STATUS_VARIANT = { active: "success", revoked: "destructive", expired: "warning" } as const;
const STATUS_LABEL: Record<string, string> = { active: "Active", revoked: "Revoked", expired: "Expired" };

export function KeysView() {
  const trpc = useTRPC();
  const { can } = useOrg();
  const keys = useQuery(trpc.keys.list.queryOptions());
  const canCreate = can("keys.create");
  const canRevoke = can("keys.revoke");

  return (
    <>
      <PageHeader
        title="API keys"
        description="Clients authenticate to the gateway with these keys as bearer tokens. Aegis stores only a hash: a key is shown once, when it is created."
        actions={canCreate ? <CreateKeyDialog /> : null}
      />
      <Card>
        {keys.isPending ? (
          <div className="grid gap-2 p-4" aria-busy aria-label="Loading keys">
            {[0, 1, 2].map((i) => <Skeleton key={i} className="h-8 w-full" />)}
          </div>
        ) : keys.isError ? (
          <Alert variant="destructive" className="m-4 w-auto">{errorMessage(keys.error)}</Alert>
        ) : keys.data.length === 0 ? (
          <EmptyState
            icon={KeyRound}
            title="No API keys"
            description="Create a key for each client or environment so you can revoke one without touching the others."
            action={canCreate ? <CreateKeyDialog /> : null}
          />
        ) : (
          <Table aria-label="API keys">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Prefix</TableHead>
                <TableHead>Created by</TableHead>
                <TableHead>Created</TableHead>
                <TableHead>Last used</TableHead>
                <TableHead>Expires</TableHead>
                <TableHead>Status</TableHead>
                {canRevoke ? <TableHead className="w-0"><span className="sr-only">Actions</span></TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {keys.data.map((k) => (
                <TableRow key={k.id} data-testid={`key-row-${k.name}`}>
                  <TableCell className="font-medium">{k.name}</TableCell>
                  <TableCell><code className="font-mono text-xs text-muted-foreground">{k.prefix}…</code></TableCell>
                  <TableCell className="max-w-48 truncate text-muted-foreground">{k.createdBy ?? "—"}</TableCell>
                  <TableCell className="whitespace-nowrap text-muted-foreground" title={formatDateTime(k.createdAt)}>{formatDate(k.createdAt)}</TableCell>
                  <TableCell className="whitespace-nowrap text-muted-foreground" title={k.lastUsedAt ? formatDateTime(k.lastUsedAt) : undefined}>
                    {formatRelative(k.lastUsedAt)}
                  </TableCell>
                  <TableCell className="whitespace-nowrap text-muted-foreground">{k.expiresAt ? formatDate(k.expiresAt) : "Never"}</TableCell>
                  <TableCell>
                    <Badge variant={STATUS_VARIANT[k.status as keyof typeof STATUS_VARIANT] ?? "secondary"}>{STATUS_LABEL[k.status] ?? k.status}</Badge>
                  </TableCell>
                  {canRevoke ? (
                    <TableCell className="text-right">
                      {k.status === "active" ? <RevokeKeyButton keyId={k.id} name={k.name} /> : null}
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </>
  );
}
