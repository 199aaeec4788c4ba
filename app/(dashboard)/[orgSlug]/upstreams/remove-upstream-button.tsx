"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Loader2 } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/app/_components/ui/dialog";
import { useToast } from "@/app/_components/ui/toast";
import { errorMessage } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";

export function RemoveUpstreamButton({ upstreamId, name }: { upstreamId: string; name: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const remove = useMutation(
    trpc.upstreams.remove.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.upstreams.list.queryKey() });
        setOpen(false);
        toast(`Upstream “${name}” removed`);
      },
    }),
  );
  return (
    <Dialog open={open} onOpenChange={(o) => { setOpen(o); if (!o) remove.reset(); }}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" className="text-destructive hover:text-destructive" aria-label={`Remove ${name}`}>Remove</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Remove upstream “{name}”?</DialogTitle>
          <DialogDescription>
            Calls to /v1/gateway/{name}/… fail from now on, and its stored credential is deleted. Rules that name it stay but no longer match.
          </DialogDescription>
        </DialogHeader>
        {remove.isError ? <Alert variant="destructive">{errorMessage(remove.error)}</Alert> : null}
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)}>Cancel</Button>
          <Button variant="destructive" onClick={() => remove.mutate({ upstreamId })} disabled={remove.isPending}>
            {remove.isPending ? <Loader2 className="animate-spin" /> : null}
            Remove upstream
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
