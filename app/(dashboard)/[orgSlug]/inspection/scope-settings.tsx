"use client";
// Tuning of one scope. For the org, unset fields show the engine defaults; for
// an upstream each section can inherit the org's effective value (empty patch =
// inherit everything) or override it.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Loader2 } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { Switch } from "@/app/_components/ui/switch";
import { useToast } from "@/app/_components/ui/toast";
import { errorMessage } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";
import { cn } from "@/app/_lib/utils";
import { DetectorCatalogue } from "./detector-catalogue";
import { PARANOIA_LEVELS, toForm, toggle, toPatch, type TEffective, type TForm, type TPosture, type TSettings } from "./form-state";

type TScope = { kind: "org" } | { kind: "upstream"; id: string; name: string };

function Inherit({ scope, isSet, onReset, onOverride }: { scope: TScope; isSet: boolean; onReset: () => void; onOverride: () => void }) {
  if (scope.kind === "org") return null;
  return (
    <label className="flex items-center gap-2 text-xs text-muted-foreground">
      <Switch checked={isSet} onCheckedChange={(on) => (on ? onOverride() : onReset())} aria-label="Override the organization's setting" className="h-4 w-7 [&>span]:size-3 [&>span.translate-x-4]:translate-x-3" />
      {isSet ? "Overridden for this upstream" : "Inherited from the organization"}
    </label>
  );
}

export function ScopeSettings({ data, scope, readOnly }: { data: TSettings; scope: TScope; readOnly: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const source = scope.kind === "org" ? data.org : data.upstreams.find((u) => u.id === scope.id);
  const [form, setForm] = useState<TForm>(() => toForm(source?.patch, source?.posture ?? null, data.org.redactPii));
  const [error, setError] = useState<string | null>(null);
  const save = useMutation(trpc.inspection.update.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.inspection.settings.queryKey() }) }));
  const parent: TEffective = data.org.effective;
  const orgPosture = data.org.posture as TPosture;
  const shown = {
    paranoia: form.paranoia ?? parent.paranoia,
    disabledRules: form.disabledRules ?? parent.disabledRules,
    minCount: form.dlpMinCount ?? String(parent.dlp.minCount),
    classes: form.dlpClasses ?? parent.dlp.classes,
    posture: form.posture ?? orgPosture,
  };
  const set = (p: Partial<TForm>) => setForm((f) => ({ ...f, ...p }));
  const lock = readOnly || save.isPending;

  async function onSave() {
    setError(null);
    const { patch, error: invalid } = toPatch(form);
    if (invalid) return setError(invalid);
    try {
      await save.mutateAsync(scope.kind === "org"
        ? { patch, posture: shown.posture, redactPii: form.redactPii }
        : { upstreamId: scope.id, patch, posture: form.posture });
      toast(scope.kind === "org" ? "Organization inspection settings saved" : `Inspection settings for ${scope.name} saved`);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>{scope.kind === "org" ? "Organization defaults" : `Upstream: ${scope.name}`}</CardTitle>
        <CardDescription>{scope.kind === "org" ? "Apply to every upstream that does not override them." : "Overrides apply to this upstream only; everything else follows the organization."}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-8">
        <section className="grid gap-3" aria-labelledby="posture-h">
          <div className="flex items-center justify-between gap-2"><h3 id="posture-h" className="text-sm font-semibold">Posture</h3>
            <Inherit scope={scope} isSet={form.posture !== null} onReset={() => set({ posture: null })} onOverride={() => set({ posture: orgPosture })} /></div>
          <div className="grid gap-2 sm:grid-cols-2" role="radiogroup" aria-label="Posture">
            {([["allow_by_default", "Allow by default", "Requests no rule or detector objects to go through."], ["deny_by_default", "Deny by default", "Only requests an ALLOW rule matches go through."]] as const).map(([value, title, text]) => (
              <button key={value} type="button" role="radio" aria-checked={shown.posture === value} disabled={lock || (scope.kind === "upstream" && form.posture === null)}
                onClick={() => set({ posture: value })}
                className={cn("rounded-md border p-3 text-left text-sm disabled:cursor-not-allowed", shown.posture === value ? "border-primary ring-1 ring-primary" : "border-border", scope.kind === "upstream" && form.posture === null && "opacity-70")}>
                <span className="font-medium">{title}</span><span className="mt-1 block text-xs text-muted-foreground">{text}</span>
              </button>
            ))}
          </div>
        </section>

        <section className="grid gap-3" aria-labelledby="paranoia-h">
          <div className="flex items-center justify-between gap-2"><h3 id="paranoia-h" className="text-sm font-semibold">Paranoia level</h3>
            <Inherit scope={scope} isSet={form.paranoia !== null} onReset={() => set({ paranoia: null })} onOverride={() => set({ paranoia: parent.paranoia })} /></div>
          <p className="text-xs text-muted-foreground">As in the OWASP Core Rule Set: a rule runs when its level is at or below this one. Higher levels catch more attacks and raise more false positives.</p>
          <div className="grid gap-2 sm:grid-cols-4" role="radiogroup" aria-label="Paranoia level">
            {PARANOIA_LEVELS.map((l) => (
              <button key={l.level} type="button" role="radio" aria-checked={shown.paranoia === l.level} disabled={lock || (scope.kind === "upstream" && form.paranoia === null)}
                onClick={() => set({ paranoia: l.level })}
                className={cn("rounded-md border p-3 text-left text-sm disabled:cursor-not-allowed", shown.paranoia === l.level ? "border-primary ring-1 ring-primary" : "border-border", scope.kind === "upstream" && form.paranoia === null && "opacity-70")}>
                <span className="font-medium">{l.level} · {l.title}</span><span className="mt-1 block text-xs text-muted-foreground">{l.text}</span>
              </button>
            ))}
          </div>
        </section>

        <section className="grid gap-3" aria-labelledby="detectors-h">
          <div className="flex items-center justify-between gap-2"><h3 id="detectors-h" className="text-sm font-semibold">Detectors</h3>
            <Inherit scope={scope} isSet={form.disabledRules !== null} onReset={() => set({ disabledRules: null })} onOverride={() => set({ disabledRules: [...parent.disabledRules] })} /></div>
          <DetectorCatalogue detectors={data.detectors} disabled={shown.disabledRules} paranoia={shown.paranoia}
            readOnly={lock || (scope.kind === "upstream" && form.disabledRules === null)} onChange={(next) => set({ disabledRules: next })} />
        </section>

        <section className="grid gap-3" aria-labelledby="dlp-h">
          <div className="flex items-center justify-between gap-2"><h3 id="dlp-h" className="text-sm font-semibold">Data loss prevention (requests)</h3>
            <Inherit scope={scope} isSet={form.dlpMinCount !== null || form.dlpClasses !== null} onReset={() => set({ dlpMinCount: null, dlpClasses: null })}
              onOverride={() => set({ dlpMinCount: String(parent.dlp.minCount), dlpClasses: [...parent.dlp.classes] })} /></div>
          <div className="grid max-w-xs gap-1.5">
            <Label htmlFor="dlp-min">Bulk threshold</Label>
            <Input id="dlp-min" inputMode="numeric" value={shown.minCount} disabled={lock || (scope.kind === "upstream" && form.dlpMinCount === null && form.dlpClasses === null)}
              onChange={(e) => set({ dlpMinCount: e.target.value })} aria-describedby="dlp-min-hint" />
            <p id="dlp-min-hint" className="text-xs text-muted-foreground">Low-sensitivity personal data (e-mail, phone, IP, date of birth) is reported from this many values in one request. SSNs, cards, IBANs and medical record numbers report from the first.</p>
          </div>
          <ClassPicker label="Inspected personal data classes" classes={data.piiClasses} selected={shown.classes}
            disabled={lock || (scope.kind === "upstream" && form.dlpMinCount === null && form.dlpClasses === null)} onChange={(next) => set({ dlpClasses: next })} />
        </section>

        {scope.kind === "org" ? (
          <section className="grid gap-3" aria-labelledby="redact-h">
            <h3 id="redact-h" className="text-sm font-semibold">Response redaction</h3>
            <ClassPicker label="Personal data masked in upstream responses" classes={data.piiClasses} selected={form.redactPii} disabled={lock} onChange={(next) => set({ redactPii: next as TForm["redactPii"] })} />
          </section>
        ) : null}
        {error ? <Alert variant="destructive">{error}</Alert> : null}
      </CardContent>
      {readOnly ? (
        <CardFooter><p className="text-xs text-muted-foreground">Read only: changing inspection settings needs the owner or admin role.</p></CardFooter>
      ) : (
        <CardFooter className="justify-end">
          <Button variant="ghost" onClick={() => setForm(toForm(source?.patch, source?.posture ?? null, data.org.redactPii))} disabled={save.isPending}>Discard changes</Button>
          <Button onClick={() => void onSave()} disabled={save.isPending}>{save.isPending ? <Loader2 className="animate-spin" /> : null}Save</Button>
        </CardFooter>
      )}
    </Card>
  );
}

function ClassPicker({ label, classes, selected, disabled, onChange }: { label: string; classes: string[]; selected: string[]; disabled: boolean; onChange: (next: string[]) => void }) {
  return (
    <fieldset className="grid gap-2" disabled={disabled}>
      <legend className="mb-1 text-sm font-medium">{label}</legend>
      <div className="flex flex-wrap gap-x-5 gap-y-2">
        {classes.map((c) => (
          <label key={c} className="flex items-center gap-2 text-sm">
            <input type="checkbox" className="size-4 accent-[var(--color-primary)]" checked={selected.includes(c)} onChange={(e) => onChange(toggle(selected, c, !e.target.checked))} />
            {c.replace(/_/g, " ")}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
