/**
 * Public contract of the inspection engine. The gateway, the policy stage and the
 * detector-tuning screen code against these names; change them only with their owners.
 */
export type FindingCategory =
  | "sqli"
  | "xss"
  | "traversal"
  | "rce"
  | "ssrf"
  | "ssti"
  | "pii"
  | "secret"
  | "prompt_injection"
  | "dangerous_action";

export interface Finding {
  category: FindingCategory;
  rule_id: string;
  /** 0..100: confidence that this value is hostile, before category weighting. */
  score: number;
  /** Where the value came from: query.q, body.messages[2].content, header.user-agent, action.params.sql */
  location: string;
  /** Short (≤ 80 chars), with secrets and PII masked; safe to log. */
  evidence: string;
}

export interface RequestView {
  method: string;
  /** Without the query string, not decoded. */
  path: string;
  /** Raw query string without '?'. */
  query: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body?: string;
  contentType?: string;
}

export interface ActionDescriptor {
  agent?: string;
  tool: string;
  action: string;
  resource?: string;
  params?: unknown;
  context?: unknown;
}

export type Paranoia = 1 | 2 | 3 | 4;

export interface InspectionConfig {
  /** Like OWASP CRS paranoia levels: a rule runs when its level ≤ this; higher = more rules, more FPs. */
  paranoia: Paranoia;
  /** Rule ids or whole categories to switch off. */
  disabledRules: string[];
  /**
   * Bulk threshold for low-sensitivity PII (email, phone, ip, dob): one e-mail in a contact form is
   * fine, minCount or more in one request is a dump. High-sensitivity classes (ssn, credit_card,
   * iban, mrn) report from the first valid match. `classes` lists which PII classes are inspected.
   */
  dlp: { minCount: number; classes: string[] };
  /** For actions: if set, a tool not on it is a finding. */
  toolAllowList?: string[];
  categoryWeights?: Partial<Record<FindingCategory, number>>;
}

export const ALL_PII_CLASSES = [
  "ssn",
  "credit_card",
  "iban",
  "phone",
  "email",
  "ip_address",
  "medical_record",
  "date_of_birth",
] as const;

export const DEFAULT_INSPECTION_CONFIG: InspectionConfig = {
  paranoia: 1,
  disabledRules: [],
  dlp: { minCount: 5, classes: [...ALL_PII_CLASSES] },
};

export interface InspectionResult {
  findings: Finding[];
  /** 0..100, findings combined with per-category weights; input to the decision and policy stages. */
  risk: number;
}

/** Metadata for the detector-tuning screen. */
export interface DetectorInfo {
  rule_id: string;
  category: FindingCategory;
  description: string;
  paranoia: Paranoia;
}
