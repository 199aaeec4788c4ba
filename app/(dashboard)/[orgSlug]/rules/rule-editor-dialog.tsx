"use client";
// One rule: a form for the common fields and the conditions (`when`) as JSON,
// validated as you type with the same zod schema the server uses (ZRule).
import { Loader2 } from "lucide-react";
import { useMemo, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/app/_components/ui/dialog";
import { Field, fieldProps } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { ZRule, type TRule } from "@/server/policy/rule-schema";
import { EFFECTS, type RuleOut } from "@/app/(dashboard)/[orgSlug]/rules/types";

type Form = { id: string; name: string; effect: string; priority: string; enabled: boolean; shadow: boolean; message: string; when: string };

function toForm(rule: RuleOut | null): Form {
  return {
    id: rule?.id ?? "", name: rule?.name ?? "", effect: rule?.effect ?? "BLOCK", priority: String(rule?.priority ?? 100),
    enabled: rule?.enabled ?? true, shadow: rule?.shadow ?? false, message: rule?.message ?? "",
    when: JSON.stringify(rule?.when ?? { paths: ["/admin/**"] }, null, 2),
  };
}

/** Field errors keyed by form field; anything inside `when` is reported on the JSON box with its path. */
function validate(form: Form): { rule: TRule | null; errors: Record<string, string> } {
  let when: unknown;
  try {
    when = JSON.parse(form.when || "{}");
  } catch (e) {
    return { rule: null, errors: { when: `Not valid JSON: ${(e as Error).message}` } };
  }
  const candidate = {
    id: form.id.trim(), name: form.name.trim() || undefined, effect: form.effect, priority: Number(form.priority),
    enabled: form.enabled, shadow: form.shadow, message: form.message.trim() || undefined, when,
  };
  const parsed = ZRule.safeParse(candidate);
  if (parsed.success) return { rule: parsed.data, errors: {} };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const [head, ...rest] = issue.path.map(String);
    const key = head ?? "id";
    const message = key === "when" && rest.length ? `${rest.join(".")}: ${issue.message}` : issue.message;
    errors[key] ??= message;
  }
  return { rule: null, errors };
}

export function RuleEditorDialog({
  open, rule, onOpenChange, onSave, saving, serverError,
}: {
  open: boolean;
  rule: RuleOut | null;
  onOpenChange: (open: boolean) => void;
  onSave: (rule: TRule, originalId: string | null) => void;
  saving: boolean;
  serverError: string | null;
}) {
  const [form, setForm] = useState<Form>(() => toForm(rule));
  const [touched, setTouched] = useState(false);
  const { rule: parsed, errors } = useMemo(() => validate(form), [form]);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setTouched(true);
    setForm((f) => ({ ...f, [k]: v }));
  };
  const shown = touched ? errors : {};

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-2xl">
        <form
          className="grid gap-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setTouched(true);
            if (parsed) onSave(parsed, rule?.id ?? null);
          }}
        >
          <DialogHeader>
            <DialogTitle>{rule ? `Edit rule “${rule.id}”` : "Add rule"}</DialogTitle>
            <DialogDescription>Changes go to the draft; nothing is live until you publish. Format: docs/rules.md.</DialogDescription>
          </DialogHeader>
          {serverError ? <Alert variant="destructive">{serverError}</Alert> : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="rule-id" label="Rule id" hint="Letters, digits, . _ -; unique in the set" error={shown.id}>
              <Input {...fieldProps("rule-id", shown.id, true)} className="font-mono text-xs" value={form.id} onChange={(e) => set("id", e.target.value)} autoFocus />
            </Field>
            <Field id="rule-name" label="Name (optional)" error={shown.name}>
              <Input {...fieldProps("rule-name", shown.name)} value={form.name} onChange={(e) => set("name", e.target.value)} />
            </Field>
            <Field id="rule-effect" label="Effect" error={shown.effect}>
              <Select value={form.effect} onValueChange={(v) => set("effect", v)}>
                <SelectTrigger id="rule-effect" aria-label="Effect"><SelectValue /></SelectTrigger>
                <SelectContent>{EFFECTS.map((e) => <SelectItem key={e} value={e}>{e}</SelectItem>)}</SelectContent>
              </Select>
            </Field>
            <Field id="rule-priority" label="Priority" hint="1–1000; above 500 overrides risk thresholds" error={shown.priority}>
              <Input {...fieldProps("rule-priority", shown.priority, true)} type="number" min={1} max={1000} value={form.priority} onChange={(e) => set("priority", e.target.value)} />
            </Field>
          </div>
          <Field id="rule-message" label="Message (optional)" error={shown.message}>
            <Input {...fieldProps("rule-message", shown.message)} value={form.message} onChange={(e) => set("message", e.target.value)} />
          </Field>
          <div className="flex gap-6 text-sm">
            <label className="flex items-center gap-2"><input type="checkbox" className="size-4" checked={form.enabled} onChange={(e) => set("enabled", e.target.checked)} /> Enabled</label>
            <label className="flex items-center gap-2"><input type="checkbox" className="size-4" checked={form.shadow} onChange={(e) => set("shadow", e.target.checked)} /> Shadow (record only)</label>
          </div>
          <Field id="rule-when" label="Conditions (when, JSON)" hint='e.g. {"methods": ["POST"], "paths": ["/v1/refunds"], "body": [{"path": "$.amount", "op": "gte", "value": 1000}]}' error={shown.when}>
            <textarea
              {...fieldProps("rule-when", shown.when, true)}
              spellCheck={false}
              rows={10}
              className="w-full rounded-md border border-border bg-background p-2 font-mono text-xs shadow-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring aria-[invalid=true]:border-destructive"
              value={form.when}
              onChange={(e) => set("when", e.target.value)}
            />
          </Field>
          {touched && Object.keys(errors).length === 0 ? <p className="text-xs text-emerald-700" role="status">Valid rule</p> : null}
          <DialogFooter>
            <Button variant="outline" onClick={() => onOpenChange(false)}>Cancel</Button>
            <Button type="submit" disabled={saving || !parsed}>
              {saving ? <Loader2 className="animate-spin" /> : null}
              Save to draft
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
