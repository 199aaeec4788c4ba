"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { History, Loader2 } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/app/_components/ui/dialog";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { useToast } from "@/app/_components/ui/toast";
import { errorMessage } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";
import { formatDateTime } from "@/app/_lib/utils";
import { useOrg } from "@/app/(dashboard)/_components/org-context";
import { RuleDiff } from "@/app/(dashboard)/[orgSlug]/rules/rule-diff";

/** Every published version; a rollback publishes a NEW version equal to the chosen one. */
export function VersionsCard() {
  const trpc = useTRPC();
  const { can } = useOrg();
  const versions = useQuery(trpc.rules.versions.queryOptions({ limit: 50 }));
  const [viewing, setViewing] = useState<number | null>(null);
  const [rollbackTo, setRollbackTo] = useState<number | null>(null);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Version history</CardTitle>
        <CardDescription>Published rule sets are immutable. Rolling back publishes a new version with the old rules.</CardDescription>
      </CardHeader>
      <CardContent className="p-0">
        {versions.isPending ? (
          <div className="grid gap-2 p-4"><Skeleton className="h-8 w-full" /><Skeleton className="h-8 w-full" /></div>
        ) : versions.isError ? (
          <Alert variant="destructive" className="m-4 w-auto">{errorMessage(versions.error)}</Alert>
        ) : versions.data.length === 0 ? (
          <EmptyState icon={History} title="Nothing published yet" description="Publish your draft to create version 1." />
        ) : (
          <Table aria-label="Rule set versions">
            <TableHeader>
              <TableRow>
                <TableHead>Version</TableHead><TableHead>Changes</TableHead><TableHead>Author</TableHead><TableHead>Note</TableHead><TableHead>Published</TableHead>
                <TableHead className="w-0"><span className="sr-only">Actions</span></TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {versions.data.map((v) => (
                <TableRow key={v.version} data-testid={`version-row-${v.version}`}>
                  <TableCell className="font-medium">v{v.version} {v.isLive ? <Badge variant="success" className="ml-1">live</Badge> : null}</TableCell>
                  <TableCell className="whitespace-nowrap text-xs text-muted-foreground">+{v.counts.added} −{v.counts.removed} ~{v.counts.changed} · {v.ruleCount} rules</TableCell>
                  <TableCell className="text-muted-foreground">{v.authorEmail ?? v.author ?? "—"}</TableCell>
                  <TableCell className="max-w-56 truncate text-muted-foreground" title={v.note ?? undefined}>{v.note ?? ""}</TableCell>
                  <TableCell className="whitespace-nowrap text-muted-foreground">{formatDateTime(v.createdAt)}</TableCell>
                  <TableCell className="whitespace-nowrap text-right">
                    <Button variant="ghost" size="sm" onClick={() => setViewing(v.version)}>View</Button>
                    {can("rules.publish") && !v.isLive ? <Button variant="ghost" size="sm" onClick={() => setRollbackTo(v.version)}>Roll back</Button> : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
      {viewing !== null ? <VersionDialog version={viewing} onClose={() => setViewing(null)} /> : null}
      {rollbackTo !== null ? <RollbackDialog version={rollbackTo} onClose={() => setRollbackTo(null)} /> : null}
    </Card>
  );
}

function VersionDialog({ version, onClose }: { version: number; onClose: () => void }) {
  const trpc = useTRPC();
  const v = useQuery(trpc.rules.version.queryOptions({ version }));
  return (
    <Dialog open onOpenChange={(o) => { if (!o) onClose(); }}>
      <DialogContent className="max-w-3xl">
        <DialogHeader>
          <DialogTitle>Version {version}</DialogTitle>
          <DialogDescription>{v.data ? `${v.data.authorEmail ?? v.data.author ?? "unknown"} · ${formatDateTime(v.data.createdAt)}${v.data.note ? ` · ${v.data.note}` : ""}` : "Loading…"}</DialogDescription>
        </DialogHeader>
        {v.isError ? <Alert variant="destructive">{errorMessage(v.error)}</Alert> : null}
        {v.data ? (
          <div className="grid gap-3">
            <h3 className="text-sm font-medium">Changes against the previous version</h3>
            <RuleDiff diff={v.data.diff} />
            <h3 className="text-sm font-medium">Rules ({v.data.rules.length})</h3>
            <pre className="max-h-64 overflow-auto rounded-md bg-muted p-2 text-xs">{JSON.stringify(v.data.rules, null, 2)}</pre>
          </div>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

function RollbackDialog({ version, onClose }: { version: number; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const rollback = useMutation(
    trpc.rules.rollback.mutationOptions({
      onSuccess: async (r) => {
        await queryClient.invalidateQueries({ queryKey: trpc.rules.pathKey() });
        toast(`Rolled back to v${r.rolledBackTo} as v${r.version}`);
        onClose();
      },
    }),
  );
  return (
    <Dialog open onOpenChange={(o) => { if (!o) onClose(); }}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Roll back to v{version}?</DialogTitle>
          <DialogDescription>Publishes a new version whose rules equal v{version}. Every gateway applies it within 5 seconds. Your draft is kept.</DialogDescription>
        </DialogHeader>
        {rollback.isError ? <Alert variant="destructive">{errorMessage(rollback.error)}</Alert> : null}
        <DialogFooter>
          <Button variant="outline" onClick={onClose}>Cancel</Button>
          <Button onClick={() => rollback.mutate({ version })} disabled={rollback.isPending}>
            {rollback.isPending ? <Loader2 className="animate-spin" /> : null}
            Roll back
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
