// The diff stored with every published version and shown before publishing:
// rules matched by id; "changed" means any field differs after defaults apply.
import { canonicalize } from "@/server/audit/jcs";
import type { TRule } from "@/server/policy";

export type TRuleDiff = {
  added: { id: string; after: TRule }[];
  removed: { id: string; before: TRule }[];
  changed: { id: string; before: TRule; after: TRule }[];
};

export function diffRules(before: readonly TRule[], after: readonly TRule[]): TRuleDiff {
  const old = new Map(before.map((r) => [r.id, r]));
  const next = new Map(after.map((r) => [r.id, r]));
  const diff: TRuleDiff = { added: [], removed: [], changed: [] };
  for (const [id, rule] of next) {
    const prev = old.get(id);
    if (!prev) diff.added.push({ id, after: rule });
    else if (canonicalize(prev) !== canonicalize(rule)) diff.changed.push({ id, before: prev, after: rule });
  }
  for (const [id, rule] of old) if (!next.has(id)) diff.removed.push({ id, before: rule });
  return diff;
}

export const isEmptyDiff = (d: TRuleDiff) => d.added.length + d.removed.length + d.changed.length === 0;

export const diffCounts = (d: TRuleDiff) => ({ added: d.added.length, removed: d.removed.length, changed: d.changed.length });
