"use client";
import { useMutation } from "@tanstack/react-query";
import { ArrowRight, Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/app/_components/ui/dialog";
import { Field, fieldProps } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { SecretReveal } from "@/app/_components/ui/secret-reveal";
import { toFormError, type FormError } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";

/**
 * Creates another organization owned by the current user. The server asks for
 * the password again (creating an org mints a key), and the new org's first
 * API key is shown once before switching to it.
 */
export function CreateOrgDialog({
  trigger, open: controlledOpen, onOpenChange,
}: {
  trigger?: React.ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [uncontrolledOpen, setUncontrolledOpen] = useState(false);
  const open = controlledOpen ?? uncontrolledOpen;
  const [orgName, setOrgName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<FormError | null>(null);
  const [created, setCreated] = useState<{ orgSlug: string; apiKey: string } | null>(null);
  const create = useMutation(trpc.auth.createOrg.mutationOptions());

  function setOpen(next: boolean) {
    if (!next) {
      setOrgName("");
      setPassword("");
      setError(null);
      setCreated(null);
    }
    onOpenChange?.(next);
    if (controlledOpen === undefined) setUncontrolledOpen(next);
  }

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      setCreated(await create.mutateAsync({ orgName, password }));
      setPassword("");
    } catch (err) {
      setError(toFormError(err));
    }
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      {trigger ? <DialogTrigger asChild>{trigger}</DialogTrigger> : null}
      <DialogContent>
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle>Organization created</DialogTitle>
              <DialogDescription>This is its first API key.</DialogDescription>
            </DialogHeader>
            <SecretReveal label="API key" value={created.apiKey} testId="new-org-api-key" />
            <DialogFooter>
              <Button
                onClick={() => {
                  const slug = created.orgSlug;
                  setOpen(false);
                  router.push(`/${slug}/overview`);
                }}
              >
                Open organization <ArrowRight />
              </Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={onSubmit} className="grid gap-4" noValidate>
            <DialogHeader>
              <DialogTitle>Create organization</DialogTitle>
              <DialogDescription>You will be its owner. Members, keys and rules are separate per organization.</DialogDescription>
            </DialogHeader>
            {error && Object.keys(error.fields).length === 0 ? <Alert variant="destructive">{error.message}</Alert> : null}
            <Field id="new-org-name" label="Organization name" error={error?.fields.orgName}>
              <Input {...fieldProps("new-org-name", error?.fields.orgName)} value={orgName} onChange={(e) => setOrgName(e.target.value)} />
            </Field>
            <Field id="new-org-password" label="Confirm your password" error={error?.fields.password}>
              <Input
                {...fieldProps("new-org-password", error?.fields.password)}
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </Field>
            <DialogFooter>
              <Button variant="outline" onClick={() => setOpen(false)}>Cancel</Button>
              <Button type="submit" disabled={create.isPending}>
                {create.isPending ? <Loader2 className="animate-spin" /> : null}
                Create
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
