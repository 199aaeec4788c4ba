import type { Finding, FindingCategory, InspectionConfig } from "./types";
import type { Rule, RuleFamily } from "./rule";
import type { InspectedValue } from "./normalize/values";
import { maskValue } from "./dlp/patterns";

/**
 * Runs rules over values with the org's paranoia level and disabled list applied, and turns
 * hits into findings with short, masked evidence. One finding per (rule, location): a value that
 * matches the same rule twice is one problem.
 */
export const MAX_FINDINGS = 64;
const EVIDENCE_LENGTH = 80;

export function isRuleEnabled(rule: { rule_id: string; category: string; paranoia: number }, config: InspectionConfig): boolean {
  return rule.paranoia <= config.paranoia && !config.disabledRules.includes(rule.rule_id) && !config.disabledRules.includes(rule.category);
}

export function evidenceOf(text: string, index: number, length: number): string {
  const start = Math.max(0, Math.min(index, text.length - EVIDENCE_LENGTH));
  const snippet = text.slice(start, start + Math.max(Math.min(length, EVIDENCE_LENGTH), 24)).replace(/\s+/g, " ");
  const masked = maskValue(snippet);
  return masked.length > EVIDENCE_LENGTH ? `${masked.slice(0, EVIDENCE_LENGTH - 1)}…` : masked;
}

/** A finding without its location: what one value yields, whatever field it arrived in. */
export interface ValueHit {
  category: FindingCategory;
  rule_id: string;
  score: number;
  evidence: string;
}

/** Shared by every value without hits: most values have none, and an array each is garbage. */
export const NO_HITS: readonly ValueHit[] = Object.freeze([]);

function runOne(v: InspectedValue, rules: Rule[], out: ValueHit[], limit: number): void {
  for (const rule of rules) {
    if (!rule.kinds.has(v.kind)) continue;
    const hit = rule.test(v);
    if (!hit) continue;
    out.push({ category: rule.category, rule_id: rule.rule_id, score: hit.score, evidence: evidenceOf(v.text, hit.index, hit.length) });
    if (out.length >= limit) return;
  }
}

export interface ActiveFamily {
  gate: RuleFamily["gate"];
  rules: Rule[];
  /** Kinds any enabled rule reads: a family with no rule for LLM turns never gates one. */
  kinds: ReadonlySet<string>;
}

/**
 * The part of a config that decides which rules run. JSON keeps it unambiguous: joining the
 * disabled list with "," made ["a,b"] and ["a", "b"] the same key.
 */
export function ruleConfigKey(config: InspectionConfig): string {
  return JSON.stringify([config.paranoia, config.disabledRules]);
}

/**
 * The enabled rules of a family for a config, memoized by (paranoia, disabled list): filtering
 * sixty rules and building the kind set on every request was the largest fixed cost of a small
 * request. The memo only caches a pure function of its key, and is bounded.
 */
const activeMemo = new Map<RuleFamily, Map<string, ActiveFamily>>();
const MAX_MEMO_KEYS = 256;

function activeFamily(f: RuleFamily, config: InspectionConfig, key: string): ActiveFamily {
  let byKey = activeMemo.get(f);
  if (!byKey) activeMemo.set(f, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit) return hit;
  const rules = f.rules.filter((r) => isRuleEnabled(r, config));
  const kinds = new Set<string>();
  for (const r of rules) for (const k of r.kinds) kinds.add(k);
  const made = { gate: f.gate, rules, kinds };
  if (byKey.size >= MAX_MEMO_KEYS) byKey.clear();
  byKey.set(key, made);
  return made;
}

/** The families of a list that have at least one enabled rule under this config. */
export function activeFamilies(families: RuleFamily[], config: InspectionConfig, key = ruleConfigKey(config)): ActiveFamily[] {
  const active: ActiveFamily[] = [];
  for (const f of families) {
    const a = activeFamily(f, config, key);
    if (a.rules.length > 0) active.push(a);
  }
  return active;
}

/**
 * Every hit of the active families on one value, in family then rule order (the order findings
 * are reported in). At most `limit` hits: a request never reports more than MAX_FINDINGS.
 */
export function hitsOf(v: InspectedValue, active: ActiveFamily[], limit = MAX_FINDINGS): readonly ValueHit[] {
  let out: ValueHit[] | undefined;
  for (const f of active) {
    if (!f.kinds.has(v.kind)) continue;
    if (f.gate && !(typeof f.gate === "function" ? f.gate(v) : f.gate.test(v.text))) continue;
    out ??= [];
    runOne(v, f.rules, out, limit);
    if (out.length >= limit) break;
  }
  return out === undefined || out.length === 0 ? NO_HITS : out;
}

/** Appends a value's hits as findings at its location, stopping at MAX_FINDINGS. */
export function pushHits(hits: readonly ValueHit[], location: string, out: Finding[]): void {
  for (const h of hits) {
    if (out.length >= MAX_FINDINGS) return;
    out.push({ category: h.category, rule_id: h.rule_id, score: h.score, location, evidence: h.evidence });
  }
}

/**
 * Runs rule families over values. `pregate` (optional) is checked once per value before any
 * family gate; `accept` filters values (e.g. only code-carrying fields for action rules).
 */
export function runFamilies(values: InspectedValue[], families: RuleFamily[], config: InspectionConfig, out: Finding[], options: { pregate?: (v: InspectedValue) => boolean; accept?: (v: InspectedValue) => boolean } = {}): void {
  const active = activeFamilies(families, config);
  for (const v of values) {
    if (out.length >= MAX_FINDINGS) return;
    if (options.accept && !options.accept(v)) continue;
    if (options.pregate && !options.pregate(v)) continue;
    pushHits(hitsOf(v, active, MAX_FINDINGS - out.length), v.location, out);
  }
}
