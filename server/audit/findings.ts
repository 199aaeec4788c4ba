/**
 * The signed findings summary (docs/audit-format.md §4.1): counts, categories and the
 * worst severity, never the matched content. Inspection scores are 0..100; the
 * severity bands below are the one mapping used everywhere an event is written.
 */
import type { TAuditEventBody } from "./event";

export type TFindingInput = { category: string; rule_id: string; score: number; location: string };
export type TSeverity = "low" | "medium" | "high" | "critical";

const SEVERITY_ORDER: readonly TSeverity[] = ["low", "medium", "high", "critical"];

/** >= 90 critical, >= 70 high, >= 40 medium, else low (NaN counts as low). */
export function severityOfScore(score: number): TSeverity {
  if (score >= 90) return "critical";
  if (score >= 70) return "high";
  if (score >= 40) return "medium";
  return "low";
}

/** Types keep first-seen order so the summary is deterministic for a given findings list. */
export function summarizeFindings(findings: readonly TFindingInput[]): TAuditEventBody["findings"] {
  const types: string[] = [];
  let worst = -1;
  for (const f of findings) {
    const type = f.category.slice(0, 512) || "unknown";
    if (!types.includes(type)) types.push(type);
    worst = Math.max(worst, SEVERITY_ORDER.indexOf(severityOfScore(f.score)));
  }
  return { count: findings.length, types, max_severity: worst < 0 ? null : (SEVERITY_ORDER[worst] ?? null) };
}
