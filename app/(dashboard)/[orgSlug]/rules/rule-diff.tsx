"use client";
import { Badge } from "@/app/_components/ui/badge";
import type { DiffOut } from "@/app/(dashboard)/[orgSlug]/rules/types";

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

/** Added, removed and changed rules with their before/after JSON. */
export function RuleDiff({ diff }: { diff: DiffOut }) {
  const empty = diff.added.length + diff.removed.length + diff.changed.length === 0;
  if (empty) return <p className="text-sm text-muted-foreground">No changes.</p>;
  return (
    <div className="grid max-h-[50vh] gap-3 overflow-auto" data-testid="rule-diff">
      {diff.added.map((d) => (
        <div key={`a-${d.id}`} className="grid gap-1">
          <div className="flex items-center gap-2"><Badge variant="success">added</Badge><code className="text-xs">{d.id}</code></div>
          <pre className="overflow-auto rounded-md bg-emerald-50 p-2 text-xs">{pretty(d.after)}</pre>
        </div>
      ))}
      {diff.removed.map((d) => (
        <div key={`r-${d.id}`} className="grid gap-1">
          <div className="flex items-center gap-2"><Badge variant="destructive">removed</Badge><code className="text-xs">{d.id}</code></div>
          <pre className="overflow-auto rounded-md bg-red-50 p-2 text-xs line-through decoration-red-300">{pretty(d.before)}</pre>
        </div>
      ))}
      {diff.changed.map((d) => (
        <div key={`c-${d.id}`} className="grid gap-1">
          <div className="flex items-center gap-2"><Badge variant="warning">changed</Badge><code className="text-xs">{d.id}</code></div>
          <div className="grid gap-2 sm:grid-cols-2">
            <pre className="overflow-auto rounded-md bg-red-50 p-2 text-xs" aria-label={`${d.id} before`}>{pretty(d.before)}</pre>
            <pre className="overflow-auto rounded-md bg-emerald-50 p-2 text-xs" aria-label={`${d.id} after`}>{pretty(d.after)}</pre>
          </div>
        </div>
      ))}
    </div>
  );
}

export function diffSummary(diff: DiffOut): string {
  return `+${diff.added.length} added, −${diff.removed.length} removed, ~${diff.changed.length} changed`;
}
