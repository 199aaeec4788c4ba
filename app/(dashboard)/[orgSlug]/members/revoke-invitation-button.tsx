"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Loader2 } from "lucide-react";
import { Button } from "@/app/_components/ui/button";
import { useToast } from "@/app/_components/ui/toast";
import { errorMessage } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";

export function RevokeInvitationButton({ invitationId, email }: { invitationId: string; email: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const revoke = useMutation(
    trpc.members.revokeInvitation.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
        toast(`Invitation for ${email} revoked`);
      },
      onError: (err) => toast(errorMessage(err), "error"),
    }),
  );
  return (
    <Button
      variant="ghost"
      size="sm"
      className="text-destructive hover:text-destructive"
      aria-label={`Revoke invitation for ${email}`}
      disabled={revoke.isPending}
      onClick={() => revoke.mutate({ invitationId })}
    >
      {revoke.isPending ? <Loader2 className="animate-spin" /> : null}
      Revoke
    </Button>
  );
}
