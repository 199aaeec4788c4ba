"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Loader2, Plus } from "lucide-react";
import { useState } from "react";
import { QuickStart } from "@/app/_components/quick-start";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/app/_components/ui/dialog";
import { Field, fieldProps } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { SecretReveal } from "@/app/_components/ui/secret-reveal";
import { toFormError, type FormError } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";

function tomorrow(): string {
  const d = new Date(Date.now() + 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export function CreateKeyDialog() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [expiry, setExpiry] = useState("");
  const [error, setError] = useState<FormError | null>(null);
  const [created, setCreated] = useState<{ apiKey: string; name: string } | null>(null);
  const create = useMutation(
    trpc.keys.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.keys.list.queryKey() }),
    }),
  );

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      // Closing forgets the key: it cannot be shown again.
      setName("");
      setExpiry("");
      setError(null);
      setCreated(null);
    }
  }

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      // A date without a time means "valid through the end of that day", local time.
      const expiresAt = expiry ? new Date(`${expiry}T23:59:59`) : null;
      const res = await create.mutateAsync({ name, expiresAt });
      setCreated({ apiKey: res.apiKey, name });
    } catch (err) {
      setError(toFormError(err));
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button><Plus /> Create key</Button>
      </DialogTrigger>
      <DialogContent className="max-w-2xl">
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle>Key “{created.name}” created</DialogTitle>
              <DialogDescription>Store it in your secret manager now.</DialogDescription>
            </DialogHeader>
            <SecretReveal label="API key" value={created.apiKey} testId="created-api-key" />
            <QuickStart apiKey={created.apiKey} />
            <DialogFooter>
              <Button onClick={() => onOpenChange(false)}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={onSubmit} className="grid gap-4" noValidate>
            <DialogHeader>
              <DialogTitle>Create API key</DialogTitle>
              <DialogDescription>Name it after the client or environment that will use it.</DialogDescription>
            </DialogHeader>
            {error && Object.keys(error.fields).length === 0 ? <Alert variant="destructive">{error.message}</Alert> : null}
            <Field id="key-name" label="Name" error={error?.fields.name}>
              <Input {...fieldProps("key-name", error?.fields.name)} placeholder="e.g. support-agent-prod" maxLength={64} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
            </Field>
            <Field id="key-expiry" label="Expiry date (optional)" hint="The key stops working at the end of that day. Leave empty for no expiry." error={error?.fields.expiresAt}>
              <Input {...fieldProps("key-expiry", error?.fields.expiresAt, true)} type="date" min={tomorrow()} value={expiry} onChange={(e) => setExpiry(e.target.value)} />
            </Field>
            <DialogFooter>
              <Button variant="outline" onClick={() => onOpenChange(false)}>Cancel</Button>
              <Button type="submit" disabled={create.isPending}>
                {create.isPending ? <Loader2 className="animate-spin" /> : null}
                Create key
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
