"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Loader2, Plus } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/app/_components/ui/dialog";
import { Field, fieldProps } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Textarea } from "@/app/_components/ui/textarea";
import { useToast } from "@/app/_components/ui/toast";
import { toFormError, type FormError } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";

const JWKS_PLACEHOLDER = `{"keys": [{"kty": "OKP", "crv": "Ed25519", "kid": "k1", "x": "…"}]}`;

export function RegisterAgentDialog() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ name: "", issuer: "", jwks: "" });
  const [error, setError] = useState<FormError | null>(null);
  const register = useMutation(
    trpc.agents.register.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.agents.list.queryKey() }),
    }),
  );

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setForm({ name: "", issuer: "", jwks: "" });
      setError(null);
    }
  }

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    let jwks: unknown;
    try {
      jwks = JSON.parse(form.jwks);
    } catch {
      return setError({ message: "Check the highlighted fields", fields: { jwks: "Paste the JWKS as JSON: {\"keys\": [ … ]}" } });
    }
    try {
      await register.mutateAsync({ name: form.name, issuer: form.issuer, jwks: jwks as { keys: { kty: "OKP" }[] } });
      onOpenChange(false);
      toast(`Agent “${form.name}” registered`);
    } catch (err) {
      const fe = toFormError(err);
      // Nested JWKS issues ("jwks.keys.0") belong to the one JWKS field.
      for (const [path, msg] of Object.entries(fe.fields)) if (path.startsWith("jwks.") && !fe.fields.jwks) fe.fields.jwks = msg;
      setError(fe);
    }
  }

  const f = error?.fields ?? {};
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button><Plus /> Register agent</Button>
      </DialogTrigger>
      <DialogContent className="max-w-xl">
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          <DialogHeader>
            <DialogTitle>Register agent identity</DialogTitle>
            <DialogDescription>Tokens whose <code className="font-mono">iss</code> matches are verified against these public keys.</DialogDescription>
          </DialogHeader>
          {error && Object.keys(f).length === 0 ? <Alert variant="destructive">{error.message}</Alert> : null}
          <Field id="agent-name" label="Name" error={f.name}>
            <Input {...fieldProps("agent-name", f.name)} placeholder="support-bot" value={form.name} onChange={(e) => setForm((s) => ({ ...s, name: e.target.value }))} autoFocus />
          </Field>
          <Field id="agent-issuer" label="Issuer (iss)" error={f.issuer}>
            <Input {...fieldProps("agent-issuer", f.issuer)} placeholder="https://agents.example.com/support-bot" value={form.issuer} onChange={(e) => setForm((s) => ({ ...s, issuer: e.target.value }))} />
          </Field>
          <Field id="agent-jwks" label="Public keys (JWKS)" hint="Public keys only; a private key is refused." error={f.jwks}>
            <Textarea
              {...fieldProps("agent-jwks", f.jwks, true)}
              className="font-mono text-xs"
              rows={6}
              placeholder={JWKS_PLACEHOLDER}
              value={form.jwks}
              onChange={(e) => setForm((s) => ({ ...s, jwks: e.target.value }))}
            />
          </Field>
          <DialogFooter>
            <Button variant="outline" onClick={() => onOpenChange(false)}>Cancel</Button>
            <Button type="submit" disabled={register.isPending}>
              {register.isPending ? <Loader2 className="animate-spin" /> : null}
              Register
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
