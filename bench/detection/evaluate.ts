import { inspectAction, inspectRequest } from "@/server/inspection";
import { DEFAULT_INSPECTION_CONFIG, type FindingCategory, type InspectionConfig, type Paranoia } from "@/server/inspection/types";
import type { BenchCase } from "./cases";

/** Runs one case through the real engine and decides whether it was flagged. */
export interface Outcome {
  c: BenchCase;
  flagged: boolean;
  micros: number;
  rules: string[];
}

const DLP_CATEGORIES = new Set<FindingCategory>(["pii", "secret"]);

function configFor(c: BenchCase, paranoia: Paranoia, disabled: string[]): InspectionConfig {
  return {
    ...DEFAULT_INSPECTION_CONFIG,
    disabledRules: disabled,
    paranoia: c.paranoia ?? paranoia,
    dlp: { ...DEFAULT_INSPECTION_CONFIG.dlp, minCount: c.dlpMinCount ?? DEFAULT_INSPECTION_CONFIG.dlp.minCount },
  };
}

/**
 * A DLP case counts pii/secret findings only; every other channel counts everything except
 * pii/secret (a payment form carrying a card number is DLP's business, not a WAF false positive).
 */
export function evaluate(c: BenchCase, paranoia: Paranoia = DEFAULT_INSPECTION_CONFIG.paranoia, disabled: string[] = [], runs = 1): Outcome {
  const config = configFor(c, paranoia, disabled);
  // The verdict cache off: each of the repeated runs below must time the engine's cold work,
  // not a cache hit of the run before.
  const run = () => (c.input.kind === "request" ? inspectRequest(c.input.view, config, { cache: false }) : inspectAction(c.input.action, config));
  // With runs > 1 the fastest run is kept: on a shared machine the minimum is the best estimate
  // of the engine's own cost (the slower runs measure other processes).
  let micros = Number.POSITIVE_INFINITY;
  let result = run();
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    result = run();
    micros = Math.min(micros, Number(process.hrtime.bigint() - start) / 1000);
  }
  const relevant = result.findings.filter((f) => (c.channel === "dlp_text") === DLP_CATEGORIES.has(f.category));
  return { c, flagged: relevant.length > 0, micros, rules: relevant.map((f) => f.rule_id) };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? 0;
}

export function textOf(c: BenchCase): string {
  if (c.input.kind === "action") return JSON.stringify(c.input.action);
  const v = c.input.view;
  return `${v.method} ${v.path}${v.query ? `?${v.query}` : ""} ${v.body ?? ""}`;
}
