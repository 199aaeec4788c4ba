import type { Rule } from "./rule";
import type { DetectorInfo } from "./types";
import { SQLI_RULES } from "./waf/sqli/detect";
import { XSS_RULES } from "./waf/xss";
import { TRAVERSAL_RULES } from "./waf/traversal";
import { RCE_RULES } from "./waf/rce";
import { SSRF_RULES } from "./waf/ssrf";
import { SSTI_RULES } from "./waf/ssti";
import { PROMPT_RULES } from "./prompt/rules";
import { MULTILINGUAL_RULES } from "./prompt/multilingual";
import { ACTION_RULES } from "./actions/rules";
import { PII_PATTERNS, SECRET_PATTERNS } from "./dlp/patterns";
import { STRUCTURED_ACTION_RULES } from "./actions/structured";

/** Every value-level rule, in the order they run. WAF first: cheapest gates, most traffic. */
export const WAF_RULES: Rule[] = [...SQLI_RULES, ...XSS_RULES, ...TRAVERSAL_RULES, ...RCE_RULES, ...SSRF_RULES, ...SSTI_RULES];
export const LLM_RULES: Rule[] = [...PROMPT_RULES, ...MULTILINGUAL_RULES];
export { ACTION_RULES };

export function listDetectors(): DetectorInfo[] {
  const fromRules = [...WAF_RULES, ...LLM_RULES, ...ACTION_RULES].map(({ rule_id, category, description, paranoia }) => ({ rule_id, category, description, paranoia }));
  const dlp: DetectorInfo[] = [
    ...SECRET_PATTERNS.map((p) => ({ rule_id: p.id, category: "secret" as const, description: `Credential: ${p.class.replace(/_/g, " ")}`, paranoia: 1 as const })),
    ...PII_PATTERNS.map((p) => ({ rule_id: p.id, category: "pii" as const, description: `Personal data: ${p.class.replace(/_/g, " ")}`, paranoia: 1 as const })),
  ];
  return [...fromRules, ...dlp, ...STRUCTURED_ACTION_RULES];
}
