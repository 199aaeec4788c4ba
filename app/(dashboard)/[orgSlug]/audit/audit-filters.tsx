"use client";
// The explorer's filter bar. Filters apply on submit so typing does not fire a
// query per keystroke; the time range is turned into dates at that moment.
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";

export type TFilters = { from?: Date; decisions?: string[]; agent?: string; upstream?: string; ruleId?: string };

const RANGES = [
  { value: "1h", label: "Last hour", ms: 3600_000 },
  { value: "24h", label: "Last 24 hours", ms: 24 * 3600_000 },
  { value: "7d", label: "Last 7 days", ms: 7 * 24 * 3600_000 },
  { value: "30d", label: "Last 30 days", ms: 30 * 24 * 3600_000 },
  { value: "all", label: "All time", ms: 0 },
] as const;

export const DECISION_OPTIONS = ["ALLOW", "MONITOR", "THROTTLE", "ESCALATE", "BLOCK", "KILL"] as const;

type Form = { range: string; decision: string; agent: string; upstream: string; ruleId: string };
const EMPTY: Form = { range: "all", decision: "any", agent: "", upstream: "", ruleId: "" };

function toFilters(f: Form): TFilters {
  const range = RANGES.find((r) => r.value === f.range);
  const decisions = f.decision === "any" ? undefined : f.decision === "shadow" ? DECISION_OPTIONS.map((d) => `SHADOW_${d}`) : [f.decision];
  return {
    ...(range && range.ms > 0 ? { from: new Date(Date.now() - range.ms) } : {}),
    ...(decisions ? { decisions } : {}),
    ...(f.agent.trim() ? { agent: f.agent.trim() } : {}),
    ...(f.upstream.trim() ? { upstream: f.upstream.trim() } : {}),
    ...(f.ruleId.trim() ? { ruleId: f.ruleId.trim() } : {}),
  };
}

export function AuditFilters({ onApply }: { onApply: (f: TFilters) => void }) {
  const [form, setForm] = useState<Form>(EMPTY);
  const set = (k: keyof Form) => (v: string) => setForm((s) => ({ ...s, [k]: v }));
  return (
    <form
      aria-label="Audit filters"
      className="flex flex-wrap items-end gap-3 border-b border-border p-4"
      onSubmit={(e) => { e.preventDefault(); onApply(toFilters(form)); }}
    >
      <div className="grid gap-1.5">
        <Label htmlFor="audit-range">Time</Label>
        <Select value={form.range} onValueChange={set("range")}>
          <SelectTrigger id="audit-range" className="w-40"><SelectValue /></SelectTrigger>
          <SelectContent>{RANGES.map((r) => <SelectItem key={r.value} value={r.value}>{r.label}</SelectItem>)}</SelectContent>
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-decision">Decision</Label>
        <Select value={form.decision} onValueChange={set("decision")}>
          <SelectTrigger id="audit-decision" className="w-36"><SelectValue /></SelectTrigger>
          <SelectContent>
            <SelectItem value="any">Any</SelectItem>
            {DECISION_OPTIONS.map((d) => <SelectItem key={d} value={d}>{d}</SelectItem>)}
            <SelectItem value="shadow">Shadow (not enforced)</SelectItem>
          </SelectContent>
        </Select>
      </div>
      {(["agent", "upstream", "ruleId"] as const).map((k) => (
        <div key={k} className="grid gap-1.5">
          <Label htmlFor={`audit-${k}`}>{k === "ruleId" ? "Rule id" : k === "agent" ? "Agent" : "Upstream"}</Label>
          <Input id={`audit-${k}`} className="w-40" value={form[k]} onChange={(e) => set(k)(e.target.value)} placeholder={k === "ruleId" ? "e.g. waf.sqli.union" : "exact name"} />
        </div>
      ))}
      <div className="flex gap-2">
        <Button type="submit">Apply</Button>
        <Button variant="ghost" onClick={() => { setForm(EMPTY); onApply({}); }}>Reset</Button>
      </div>
    </form>
  );
}
