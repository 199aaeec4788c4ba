"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Check, Loader2, X } from "lucide-react";
import { useState } from "react";
import type { inferRouterOutputs } from "@trpc/server";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { CopyButton } from "@/app/_components/ui/copy-button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/app/_components/ui/dialog";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { useToast } from "@/app/_components/ui/toast";
import { errorMessage } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";
import { formatDateTime } from "@/app/_lib/utils";
import type { AppRouter } from "@/server/api/root";

type ApprovalOut = inferRouterOutputs<AppRouter>["approvals"]["list"][number];

/** The evidence, folded: the exact subject and the reasons, findings and risk. */
export function ApprovalDetails({ approval }: { approval: ApprovalOut }) {
  return (
    <details className="mt-1 text-xs">
      <summary className="cursor-pointer text-muted-foreground">Evidence</summary>
      <pre className="mt-1 max-h-60 overflow-auto rounded-md bg-muted p-2">{JSON.stringify({ request_id: approval.requestId, subject: approval.subject, ...(approval.reason as object) }, null, 2)}</pre>
      {approval.decidedBy ? <p className="mt-1 text-muted-foreground">Decided by {approval.decidedBy} {formatDateTime(approval.decidedAt)}</p> : null}
    </details>
  );
}

type Decision = inferRouterOutputs<AppRouter>["approvals"]["decide"];

/** Approve or deny one pending request; an approval hands its intent to `onApproved`
 * (shown by the page, because the approved row leaves the pending list right away). */
export function DecideButtons({ approvalId, summary, onApproved }: { approvalId: string; summary: string; onApproved: (d: Decision) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState<"approve" | "deny" | null>(null);
  const [note, setNote] = useState("");
  const decide = useMutation(
    trpc.approvals.decide.mutationOptions({
      onSuccess: async (r) => {
        setOpen(null);
        if (r.status === "approved") onApproved(r);
        else toast(`Denied: ${r.summary}`);
        await queryClient.invalidateQueries({ queryKey: trpc.approvals.list.queryKey() });
      },
    }),
  );
  const close = () => { setOpen(null); setNote(""); decide.reset(); };

  return (
    <Dialog open={open !== null} onOpenChange={(o) => { if (!o) close(); }}>
      <DialogTrigger asChild><Button size="sm" onClick={() => setOpen("approve")}><Check /> Approve</Button></DialogTrigger>
      <Button size="sm" variant="ghost" className="ml-1 text-destructive hover:text-destructive" onClick={() => setOpen("deny")}><X /> Deny</Button>
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>{open === "approve" ? "Approve this call?" : "Deny this call?"}</DialogTitle>
          <DialogDescription><code className="text-xs">{summary}</code></DialogDescription>
        </DialogHeader>
        <Field id="decide-note" label="Note (optional)" hint="Kept in the activity log">
          <Input id="decide-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
        </Field>
        {decide.isError ? <Alert variant="destructive">{errorMessage(decide.error)}</Alert> : null}
        <DialogFooter>
          <Button variant="outline" onClick={close}>Cancel</Button>
          <Button variant={open === "deny" ? "destructive" : "default"} disabled={decide.isPending} onClick={() => open && decide.mutate({ approvalId, decision: open, note: note || undefined })}>
            {decide.isPending ? <Loader2 className="animate-spin" /> : null}
            {open === "deny" ? "Deny" : "Approve and issue intent"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

/** The intent, shown once after approving (it can also be pulled by the agent from GET /v1/intents). */
export function IntentDialog({ decision, onClose }: { decision: Decision; onClose: () => void }) {
  return (
    <Dialog open onOpenChange={(o) => { if (!o) onClose(); }}>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>Approved</DialogTitle>
          <DialogDescription><code className="text-xs">{decision.summary}</code></DialogDescription>
        </DialogHeader>
        <div className="grid min-w-0 gap-2 text-sm">
          <p>The agent can retry exactly this call once, until {formatDateTime(decision.intentExpiresAt)}, with the header <code>x-aegis-intent</code> (or pull it from GET /v1/intents):</p>
          {/* A JWS has no spaces: wrap anywhere so it stays inside the dialog. */}
          <pre data-testid="intent-token" className="max-h-40 overflow-auto whitespace-pre-wrap break-all rounded-md bg-zinc-950 p-3 font-mono text-xs text-zinc-100">{decision.intent ?? ""}</pre>
        </div>
        <DialogFooter>
          <CopyButton value={decision.intent ?? ""} label="Copy intent" variant="outline" />
          <Button onClick={onClose}>Done</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
