"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Loader2 } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/app/_components/ui/dialog";
import { Field, fieldProps } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { useToast } from "@/app/_components/ui/toast";
import { toFormError, type FormError } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";

export interface Quota {
  agent: string | null;
  requestsPerSecond: number | null;
  burst: number | null;
  dailyRequests: number | null;
  monthlyRequests: number | null;
  monthlyCostUsd: number | null;
}

const LIMITS = [
  { key: "requestsPerSecond", label: "Requests per second", integer: true },
  { key: "burst", label: "Burst", integer: true, hint: "Short spikes above the rate; needs a rate." },
  { key: "dailyRequests", label: "Requests per day", integer: true },
  { key: "monthlyRequests", label: "Requests per month", integer: true },
  { key: "monthlyCostUsd", label: "Spend per month (USD)", integer: false, hint: "Metered upstream cost, e.g. LLM tokens." },
] as const;

type LimitKey = (typeof LIMITS)[number]["key"];
type FormState = Record<LimitKey, string> & { agent: string };

function toForm(q: Quota | null): FormState {
  const s = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));
  return {
    agent: q?.agent ?? "",
    requestsPerSecond: s(q?.requestsPerSecond), burst: s(q?.burst), dailyRequests: s(q?.dailyRequests),
    monthlyRequests: s(q?.monthlyRequests), monthlyCostUsd: s(q?.monthlyCostUsd),
  };
}

export function QuotaDialog({ quota, scope, trigger }: { quota: Quota | null; scope: "org" | "agent"; trigger: React.ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<FormState>(() => toForm(quota));
  const [error, setError] = useState<FormError | null>(null);
  const save = useMutation(
    trpc.quotas.set.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.quotas.list.queryKey() }),
    }),
  );
  const isNewAgent = scope === "agent" && !quota;

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (next) setForm(toForm(quota));
    else setError(null);
  }

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    const fields: Record<string, string> = {};
    const values = {} as Record<LimitKey, number | null>;
    for (const l of LIMITS) {
      const raw = form[l.key].trim();
      if (raw === "") { values[l.key] = null; continue; }
      const n = Number(raw);
      if (!Number.isFinite(n) || n < 0 || (l.integer && !Number.isInteger(n))) fields[l.key] = l.integer ? "Enter a whole number" : "Enter an amount";
      else values[l.key] = n;
    }
    if (Object.keys(fields).length) return setError({ message: "Check the highlighted fields", fields });
    try {
      await save.mutateAsync({ agent: scope === "org" ? null : form.agent.trim(), ...values });
      setOpen(false);
      toast(scope === "org" ? "Organization limits saved" : `Limits for “${form.agent.trim()}” saved`);
    } catch (err) {
      setError(toFormError(err));
    }
  }

  const f = error?.fields ?? {};
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className="max-w-xl">
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          <DialogHeader>
            <DialogTitle>{scope === "org" ? "Organization limits" : quota ? `Limits for ${quota.agent}` : "Add agent limits"}</DialogTitle>
            <DialogDescription>Leave a field empty for no limit. Requests over a limit get a documented throttle response.</DialogDescription>
          </DialogHeader>
          {error && Object.keys(f).length === 0 ? <Alert variant="destructive">{error.message}</Alert> : null}
          {isNewAgent ? (
            <Field id="quota-agent" label="Agent name" hint="As it appears in the agent's token." error={f.agent}>
              <Input {...fieldProps("quota-agent", f.agent, true)} value={form.agent} onChange={(e) => setForm((s) => ({ ...s, agent: e.target.value }))} autoFocus />
            </Field>
          ) : null}
          <div className="grid gap-4 sm:grid-cols-2">
            {LIMITS.map((l) => (
              <Field key={l.key} id={`quota-${l.key}`} label={l.label} hint={"hint" in l ? l.hint : undefined} error={f[l.key]}>
                <Input
                  {...fieldProps(`quota-${l.key}`, f[l.key], "hint" in l)}
                  inputMode={l.integer ? "numeric" : "decimal"}
                  placeholder="No limit"
                  value={form[l.key]}
                  onChange={(e) => setForm((s) => ({ ...s, [l.key]: e.target.value }))}
                />
              </Field>
            ))}
          </div>
          <DialogFooter>
            <Button variant="outline" onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" disabled={save.isPending || (isNewAgent && !form.agent.trim())}>
              {save.isPending ? <Loader2 className="animate-spin" /> : null}
              Save limits
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
