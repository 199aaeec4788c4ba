"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Loader2, Plus } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/app/_components/ui/dialog";
import { Field, fieldProps } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { useToast } from "@/app/_components/ui/toast";
import { toFormError, type FormError } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";

const DEFAULT_TEMPLATE = "Authorization: Bearer {secret}";
const EMPTY = { name: "", url: "", secret: "", injectTemplate: DEFAULT_TEMPLATE, allowPrivate: false, timeoutSeconds: "30" };

export function CreateUpstreamDialog() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<FormError | null>(null);
  const create = useMutation(
    trpc.upstreams.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.upstreams.list.queryKey() }),
    }),
  );
  const set = (k: keyof typeof EMPTY) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm((f) => ({ ...f, [k]: e.target.type === "checkbox" ? e.target.checked : e.target.value }));

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      // The secret never outlives the dialog.
      setForm(EMPTY);
      setError(null);
    }
  }

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    const seconds = Number(form.timeoutSeconds);
    if (!Number.isFinite(seconds) || seconds < 0.1 || seconds > 600) {
      setError({ message: "Check the highlighted fields", fields: { timeoutMs: "Between 0.1 and 600 seconds" } });
      return;
    }
    try {
      const res = await create.mutateAsync({
        name: form.name,
        url: form.url,
        secret: form.secret || undefined,
        injectTemplate: form.secret ? form.injectTemplate : undefined,
        allowPrivate: form.allowPrivate,
        timeoutMs: Math.round(seconds * 1000),
      });
      onOpenChange(false);
      toast(`Upstream “${res.name}” added`);
    } catch (err) {
      setError(toFormError(err));
    }
  }

  const f = error?.fields ?? {};
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button><Plus /> Add upstream</Button>
      </DialogTrigger>
      <DialogContent className="max-w-xl">
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          <DialogHeader>
            <DialogTitle>Add upstream</DialogTitle>
            <DialogDescription>Clients call /v1/gateway/&lt;name&gt;/… and Aegis forwards allowed calls to the base URL.</DialogDescription>
          </DialogHeader>
          {error && Object.keys(f).length === 0 ? <Alert variant="destructive">{error.message}</Alert> : null}
          <Field id="upstream-name" label="Name" hint="Lower-case letters, digits, - and _; it becomes part of the URL." error={f.name}>
            <Input {...fieldProps("upstream-name", f.name, true)} placeholder="openai" value={form.name} onChange={set("name")} autoFocus />
          </Field>
          <Field id="upstream-url" label="Base URL" error={f.url}>
            <Input {...fieldProps("upstream-url", f.url)} type="url" placeholder="https://api.openai.com" value={form.url} onChange={set("url")} />
          </Field>
          <Field id="upstream-secret" label="Upstream credential (optional)" hint="Encrypted at rest and never shown again. Agents never see it." error={f.secret}>
            <Input {...fieldProps("upstream-secret", f.secret, true)} type="password" autoComplete="off" value={form.secret} onChange={set("secret")} />
          </Field>
          {form.secret ? (
            <Field id="upstream-template" label="Inject as header" hint="{secret} is replaced at request time." error={f.injectTemplate}>
              <Input {...fieldProps("upstream-template", f.injectTemplate, true)} className="font-mono text-xs" value={form.injectTemplate} onChange={set("injectTemplate")} />
            </Field>
          ) : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="upstream-timeout" label="Timeout (seconds)" error={f.timeoutMs}>
              <Input {...fieldProps("upstream-timeout", f.timeoutMs)} type="number" min={0.1} max={600} step="any" value={form.timeoutSeconds} onChange={set("timeoutSeconds")} />
            </Field>
            <div className="grid content-end gap-1.5 pb-1">
              <label htmlFor="upstream-private" className="flex items-center gap-2 text-sm">
                <input id="upstream-private" type="checkbox" className="size-4 accent-[var(--color-primary)]" checked={form.allowPrivate} onChange={set("allowPrivate")} />
                Allow a private-network address
              </label>
              <p className="text-xs text-muted-foreground">Only for self-hosted services; otherwise refused as SSRF.</p>
            </div>
          </div>
          <DialogFooter>
            <Button variant="outline" onClick={() => onOpenChange(false)}>Cancel</Button>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? <Loader2 className="animate-spin" /> : null}
              Add upstream
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
