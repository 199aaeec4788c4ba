"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Loader2, Upload } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/app/_components/ui/dialog";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { useToast } from "@/app/_components/ui/toast";
import { errorMessage } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";
import { RuleDiff } from "@/app/(dashboard)/[orgSlug]/rules/rule-diff";
import type { DraftOut } from "@/app/(dashboard)/[orgSlug]/rules/types";

/** Shows exactly what goes live (the diff against the live version) before publishing. */
export function PublishDialog({ draft }: { draft: DraftOut }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const publish = useMutation(
    trpc.rules.publish.mutationOptions({
      onSuccess: async (r) => {
        await queryClient.invalidateQueries({ queryKey: trpc.rules.pathKey() });
        setOpen(false);
        setNote("");
        toast(`Published v${r.version}; live on every gateway within 5 seconds`);
      },
    }),
  );
  const changes = draft.diff.added.length + draft.diff.removed.length + draft.diff.changed.length;
  return (
    <Dialog open={open} onOpenChange={(o) => { setOpen(o); if (!o) publish.reset(); }}>
      <DialogTrigger asChild>
        <Button disabled={!draft.hasDraft || changes === 0}><Upload /> Publish{changes ? ` (${changes})` : ""}</Button>
      </DialogTrigger>
      <DialogContent className="max-w-3xl">
        <DialogHeader>
          <DialogTitle>Publish v{draft.liveVersion + 1}?</DialogTitle>
          <DialogDescription>These changes against the live v{draft.liveVersion} reach every gateway within 5 seconds. You can roll back to any version later.</DialogDescription>
        </DialogHeader>
        <RuleDiff diff={draft.diff} />
        <Field id="publish-note" label="Note (optional)" hint="Why; kept with the version">
          <Input id="publish-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
        </Field>
        {publish.isError ? <Alert variant="destructive">{errorMessage(publish.error)}</Alert> : null}
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)}>Cancel</Button>
          <Button onClick={() => publish.mutate({ note: note || undefined })} disabled={publish.isPending}>
            {publish.isPending ? <Loader2 className="animate-spin" /> : null}
            Publish
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
