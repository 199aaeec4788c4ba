import type { DetectorInfo } from "./types";
import { PII_PATTERNS, SECRET_PATTERNS } from "./dlp/patterns";
import { STRUCTURED_ACTION_RULES } from "./actions/structured";
import { allRules } from "./gates";

/** Rule metadata for the detector-tuning screen: every rule id a finding can carry. */
export function listDetectors(): DetectorInfo[] {
  const fromRules = allRules().map(({ rule_id, category, description, paranoia }) => ({ rule_id, category, description, paranoia }));
  const dlp: DetectorInfo[] = [
    ...SECRET_PATTERNS.map((p) => ({ rule_id: p.id, category: "secret" as const, description: `Credential: ${p.class.replace(/_/g, " ")}`, paranoia: 1 as const })),
    ...PII_PATTERNS.map((p) => ({ rule_id: p.id, category: "pii" as const, description: `Personal data: ${p.class.replace(/_/g, " ")}`, paranoia: 1 as const })),
  ];
  return [...fromRules, ...dlp, ...STRUCTURED_ACTION_RULES];
}
