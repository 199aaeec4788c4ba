"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bot, Loader2 } from "lucide-react";
import { useState } from "react";
import { RegisterAgentDialog } from "@/app/(dashboard)/[orgSlug]/agents/register-agent-dialog";
import { useOrg } from "@/app/(dashboard)/_components/org-context";
import { PageHeader } from "@/app/(dashboard)/_components/page-header";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/app/_components/ui/dialog";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { useToast } from "@/app/_components/ui/toast";
import { errorMessage } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";
import { formatDate } from "@/app/_lib/utils";

export function AgentsView() {
  const trpc = useTRPC();
  const { can } = useOrg();
  const agents = useQuery(trpc.agents.list.queryOptions());
  const canCreate = can("keys.create");
  const canRevoke = can("keys.revoke");

  return (
    <>
      <PageHeader
        title="Agents"
        description="Agent identities are JWT issuers you trust. Agents send short-lived tokens signed with their own keys; Aegis holds only the public keys (JWKS) and rejects replayed or revoked tokens."
        actions={canCreate ? <RegisterAgentDialog /> : null}
      />
      <Card>
        {agents.isPending ? (
          <div className="grid gap-2 p-4" aria-busy aria-label="Loading agents">
            {[0, 1].map((i) => <Skeleton key={i} className="h-8 w-full" />)}
          </div>
        ) : agents.isError ? (
          <Alert variant="destructive" className="m-4 w-auto">{errorMessage(agents.error)}</Alert>
        ) : agents.data.length === 0 ? (
          <EmptyState
            icon={Bot}
            title="No agent identities"
            description="API keys are enough to start. Register an issuer when each agent should carry its own signed, short-lived identity."
            action={canCreate ? <RegisterAgentDialog /> : null}
          />
        ) : (
          <Table aria-label="Agent identities">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Issuer</TableHead>
                <TableHead>Registered</TableHead>
                <TableHead>Status</TableHead>
                {canRevoke ? <TableHead className="w-0"><span className="sr-only">Actions</span></TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {agents.data.map((a) => (
                <TableRow key={a.id} data-testid={`agent-row-${a.name}`}>
                  <TableCell className="font-mono text-xs font-medium">{a.name}</TableCell>
                  <TableCell className="max-w-72 truncate text-muted-foreground" title={a.issuer}>{a.issuer}</TableCell>
                  <TableCell className="whitespace-nowrap text-muted-foreground">{formatDate(a.createdAt)}</TableCell>
                  <TableCell>{a.revokedAt ? <Badge variant="destructive">Revoked</Badge> : <Badge variant="success">Active</Badge>}</TableCell>
                  {canRevoke ? <TableCell>{a.revokedAt ? null : <RevokeAgentButton agentId={a.id} name={a.name} />}</TableCell> : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </>
  );
}

function RevokeAgentButton({ agentId, name }: { agentId: string; name: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const revoke = useMutation(
    trpc.agents.revoke.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.agents.list.queryKey() });
        setOpen(false);
        toast(`Agent “${name}” revoked`);
      },
    }),
  );
  return (
    <Dialog open={open} onOpenChange={(o) => { setOpen(o); if (!o) revoke.reset(); }}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" className="text-destructive hover:text-destructive" aria-label={`Revoke ${name}`}>Revoke</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Revoke agent “{name}”?</DialogTitle>
          <DialogDescription>Tokens from this issuer are rejected from now on, including ones already issued.</DialogDescription>
        </DialogHeader>
        {revoke.isError ? <Alert variant="destructive">{errorMessage(revoke.error)}</Alert> : null}
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)}>Cancel</Button>
          <Button variant="destructive" onClick={() => revoke.mutate({ agentId })} disabled={revoke.isPending}>
            {revoke.isPending ? <Loader2 className="animate-spin" /> : null}
            Revoke agent
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
