"use client";
// The org's audit signing keys (as published at GET /v1/audit/keys) and, for owners, rotation:
// the current key is retired with a validity end and a new one signs from then on, so every
// earlier event and tree head stays verifiable with the key that signed it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound, Loader2 } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/app/_components/ui/dialog";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { useToast } from "@/app/_components/ui/toast";
import { errorMessage } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";
import { useOrg } from "@/app/(dashboard)/_components/org-context";

const when = (iso: string | null) => (iso ? new Date(iso).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC") : "—");

export function SigningKeysCard() {
  const trpc = useTRPC();
  const { can } = useOrg();
  const keys = useQuery(trpc.audit.keys.queryOptions());
  const records = [...(keys.data ?? [])].reverse(); // newest first
  return (
    <Card className="mt-6">
      <div className="flex items-center justify-between gap-4 border-b border-border p-4">
        <div>
          <h2 className="flex items-center gap-2 text-sm font-semibold"><KeyRound className="size-4" />Signing keys</h2>
          <p className="text-xs text-muted-foreground">Ed25519 public keys that verify this organization&apos;s events and tree heads, also at GET /v1/audit/keys.</p>
        </div>
        {can("audit.rotate_key") ? <RotateKeyButton /> : null}
      </div>
      {keys.isPending ? (
        <div className="p-4" aria-busy aria-label="Loading signing keys"><Skeleton className="h-7 w-full" /></div>
      ) : keys.isError ? (
        <Alert variant="destructive" className="m-4 w-auto">{errorMessage(keys.error)}</Alert>
      ) : records.length === 0 ? (
        <p className="p-4 text-sm text-muted-foreground">No key yet: one is created with the first audit event.</p>
      ) : (
        <Table aria-label="Signing keys" className="text-xs">
          <TableHeader>
            <TableRow>
              <TableHead>Key id</TableHead>
              <TableHead>Valid from</TableHead>
              <TableHead>Valid until</TableHead>
              <TableHead>Public key</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {records.map((k) => (
              <TableRow key={k.key_id} data-testid={`signing-key-${k.key_id}`}>
                <TableCell className="py-1.5 font-mono">
                  {k.key_id} {k.valid_until ? null : <Badge variant="secondary" className="ml-1">current</Badge>}
                </TableCell>
                <TableCell className="py-1.5 tabular-nums">{when(k.valid_from)}</TableCell>
                <TableCell className="py-1.5 tabular-nums">{when(k.valid_until)}</TableCell>
                <TableCell className="max-w-72 truncate py-1.5 font-mono text-muted-foreground" title={k.public_key}>{k.public_key}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}

function RotateKeyButton() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const rotate = useMutation(
    trpc.audit.rotateKey.mutationOptions({
      onSuccess: async (r) => {
        await queryClient.invalidateQueries({ queryKey: trpc.audit.keys.queryKey() });
        setOpen(false);
        toast(`New signing key ${r.key_id} is current`);
      },
    }),
  );
  return (
    <Dialog open={open} onOpenChange={(o) => { setOpen(o); if (!o) rotate.reset(); }}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">Rotate key</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Rotate the audit signing key?</DialogTitle>
          <DialogDescription>
            The current key stops signing now and keeps its validity period, so every earlier event and tree head still verifies with it. A new key signs everything from now on. Auditors who pinned the old public key need the new one (GET /v1/audit/keys).
          </DialogDescription>
        </DialogHeader>
        {rotate.isError ? <Alert variant="destructive">{errorMessage(rotate.error)}</Alert> : null}
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)}>Cancel</Button>
          <Button onClick={() => rotate.mutate()} disabled={rotate.isPending}>
            {rotate.isPending ? <Loader2 className="animate-spin" /> : null}
            Rotate key
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
