"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Loader2 } from "lucide-react";
import { useState } from "react";
import { useOrg } from "@/app/(dashboard)/_components/org-context";
import { assignableRoles, ROLE_OPTIONS, roleLabel } from "@/app/(dashboard)/_components/roles";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/app/_components/ui/dialog";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { TableCell, TableRow } from "@/app/_components/ui/table";
import { useToast } from "@/app/_components/ui/toast";
import { errorMessage } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";
import { formatDate } from "@/app/_lib/utils";

interface Member {
  id: string;
  userId: string;
  email: string;
  name: string | null;
  role: string;
  joinedAt: Date;
}

export function MemberRow({ member, isSelf }: { member: Member; isSelf: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const { org, can } = useOrg();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
  const changeRole = useMutation(
    trpc.members.changeRole.mutationOptions({
      onSuccess: async (_d, vars) => {
        await invalidate();
        toast(`${member.email} is now ${roleLabel(vars.role).toLowerCase()}`);
      },
      onError: (err) => toast(errorMessage(err), "error"),
    }),
  );

  const assignable = assignableRoles(org.role);
  // An admin cannot change or remove an owner; nobody edits their own role here.
  const canEditRole = can("members.update_role") && !isSelf && assignable.includes(member.role as never);
  const canRemove = can("members.remove") && !isSelf && (org.role === "owner" || member.role !== "owner");

  return (
    <TableRow data-testid={`member-row-${member.email}`}>
      <TableCell>
        <div className="font-medium">
          {member.name ?? member.email}
          {isSelf ? <Badge variant="outline" className="ml-2">You</Badge> : null}
        </div>
        {member.name ? <div className="text-xs text-muted-foreground">{member.email}</div> : null}
      </TableCell>
      <TableCell>
        {canEditRole ? (
          <Select
            value={member.role}
            disabled={changeRole.isPending}
            onValueChange={(role) => changeRole.mutate({ membershipId: member.id, role: role as (typeof ROLE_OPTIONS)[number]["value"] })}
          >
            <SelectTrigger aria-label={`Role for ${member.email}`} className="h-8 w-36">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {ROLE_OPTIONS.filter((r) => assignable.includes(r.value)).map((r) => (
                <SelectItem key={r.value} value={r.value}>{r.label}</SelectItem>
              ))}
            </SelectContent>
          </Select>
        ) : (
          <Badge variant="secondary" aria-label={`Role for ${member.email}: ${roleLabel(member.role)}`}>{roleLabel(member.role)}</Badge>
        )}
      </TableCell>
      <TableCell className="whitespace-nowrap text-muted-foreground">{formatDate(member.joinedAt)}</TableCell>
      <TableCell className="text-right">
        {canRemove ? <RemoveMemberButton member={member} onRemoved={invalidate} /> : null}
      </TableCell>
    </TableRow>
  );
}

function RemoveMemberButton({ member, onRemoved }: { member: Member; onRemoved: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const toast = useToast();
  const { org } = useOrg();
  const [open, setOpen] = useState(false);
  const remove = useMutation(
    trpc.members.remove.mutationOptions({
      onSuccess: async () => {
        await onRemoved();
        setOpen(false);
        toast(`${member.email} removed`);
      },
    }),
  );
  return (
    <Dialog open={open} onOpenChange={(o) => { setOpen(o); if (!o) remove.reset(); }}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" className="text-destructive hover:text-destructive" aria-label={`Remove ${member.email}`}>
          Remove
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Remove {member.email}?</DialogTitle>
          <DialogDescription>
            They lose access to {org.name} immediately. API keys they created keep working until you revoke them.
          </DialogDescription>
        </DialogHeader>
        {remove.isError ? <Alert variant="destructive">{errorMessage(remove.error)}</Alert> : null}
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)}>Cancel</Button>
          <Button variant="destructive" onClick={() => remove.mutate({ membershipId: member.id })} disabled={remove.isPending}>
            {remove.isPending ? <Loader2 className="animate-spin" /> : null}
            Remove member
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
