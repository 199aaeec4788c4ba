"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Loader2, UserPlus } from "lucide-react";
import { useState } from "react";
import { useOrg } from "@/app/(dashboard)/_components/org-context";
import { assignableRoles, ROLE_OPTIONS, type RoleValue } from "@/app/(dashboard)/_components/roles";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { CopyButton } from "@/app/_components/ui/copy-button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/app/_components/ui/dialog";
import { Field, fieldProps } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { toFormError, type FormError } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";
import { formatDate } from "@/app/_lib/utils";

type Sent = { email: string; emailed: boolean; link: string | null; expiresAt: Date };

export function InviteDialog() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { org } = useOrg();
  const roles = ROLE_OPTIONS.filter((r) => assignableRoles(org.role).includes(r.value));
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<RoleValue>("viewer");
  const [error, setError] = useState<FormError | null>(null);
  const [sent, setSent] = useState<Sent | null>(null);
  const invite = useMutation(
    trpc.members.invite.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() }),
    }),
  );

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setEmail("");
      setRole("viewer");
      setError(null);
      setSent(null);
    }
  }

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const res = await invite.mutateAsync({ email, role });
      setSent({ email: email.trim().toLowerCase(), emailed: res.emailed, link: res.link, expiresAt: res.expiresAt });
    } catch (err) {
      setError(toFormError(err));
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button><UserPlus /> Invite</Button>
      </DialogTrigger>
      <DialogContent>
        {sent ? (
          <>
            <DialogHeader>
              <DialogTitle>Invitation created</DialogTitle>
              <DialogDescription>
                {sent.emailed
                  ? `We emailed an invitation to ${sent.email}. It expires on ${formatDate(sent.expiresAt)}.`
                  : `Email is not configured, so send this link to ${sent.email} yourself. It expires on ${formatDate(sent.expiresAt)}.`}
              </DialogDescription>
            </DialogHeader>
            {sent.link ? (
              <div className="grid gap-2">
                <div className="flex items-center justify-between">
                  <span className="text-sm font-medium">Invitation link</span>
                  <CopyButton value={sent.link} aria-label="Copy invitation link" />
                </div>
                <code data-testid="invite-link" className="block break-all rounded-md border border-border bg-muted px-3 py-2 font-mono text-xs select-all">
                  {sent.link}
                </code>
                <p className="text-xs text-amber-800">This link is shown once. Anyone with it can join as {sent.email}, so share it privately.</p>
              </div>
            ) : null}
            <DialogFooter>
              <Button onClick={() => onOpenChange(false)}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={onSubmit} className="grid gap-4" noValidate>
            <DialogHeader>
              <DialogTitle>Invite a teammate</DialogTitle>
              <DialogDescription>They join {org.name} with the role you choose; you can change it later.</DialogDescription>
            </DialogHeader>
            {error && Object.keys(error.fields).length === 0 ? <Alert variant="destructive">{error.message}</Alert> : null}
            <Field id="invite-email" label="Email" error={error?.fields.email}>
              <Input {...fieldProps("invite-email", error?.fields.email)} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
            </Field>
            <Field id="invite-role" label="Role" hint={roles.find((r) => r.value === role)?.description} error={error?.fields.role}>
              <Select value={role} onValueChange={(v) => setRole(v as RoleValue)}>
                <SelectTrigger id="invite-role" aria-describedby="invite-role-hint">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {roles.map((r) => <SelectItem key={r.value} value={r.value}>{r.label}</SelectItem>)}
                </SelectContent>
              </Select>
            </Field>
            <DialogFooter>
              <Button variant="outline" onClick={() => onOpenChange(false)}>Cancel</Button>
              <Button type="submit" disabled={invite.isPending}>
                {invite.isPending ? <Loader2 className="animate-spin" /> : null}
                Send invitation
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
