import type { DetectorInfo, FindingCategory, Paranoia } from "./types";
import type { InspectedValue, ValueKind } from "./normalize/values";

/** Where a rule matched inside the normalized text, and how sure it is. */
export interface Hit {
  index: number;
  length: number;
  score: number;
}

/**
 * One detector rule. `test` works on one value; several rules may share work through a
 * per-value cache (see waf/sqli/detect.ts). Rules are pure: same value, same hit.
 */
export interface Rule extends DetectorInfo {
  kinds: ReadonlySet<ValueKind>;
  test: (v: InspectedValue) => Hit | null;
}

export const WAF_KINDS: ReadonlySet<ValueKind> = new Set(["param", "key", "path", "header", "body"]);
export const ALL_KINDS: ReadonlySet<ValueKind> = new Set(["param", "key", "path", "header", "body", "llm"]);

/** Convenience for regex rules: first match becomes the hit. */
export function regexRule(
  rule_id: string,
  category: FindingCategory,
  paranoia: Paranoia,
  score: number,
  description: string,
  pattern: RegExp,
  kinds: ReadonlySet<ValueKind> = WAF_KINDS,
): Rule {
  return {
    rule_id,
    category,
    paranoia,
    description,
    kinds,
    test: (v) => {
      const m = pattern.exec(v.text);
      return m ? { index: m.index, length: m[0].length, score } : null;
    },
  };
}

/**
 * Rules grouped behind one cheap gate: if the gate says a value cannot contain this family's
 * syntax, none of its rules run. Gates must be supersets of what their rules match (a gate that
 * is narrower than a rule silently disables it; gates.test.ts checks this on the rules' examples).
 */
export interface RuleFamily {
  name: string;
  gate: RegExp | ((v: InspectedValue) => boolean) | null;
  rules: Rule[];
}
