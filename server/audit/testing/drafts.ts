// A varied audit draft for appender tests: every fifth is a BLOCK with a finding.
import type { AuditDraft } from "../appender";

export function draft(orgId: string, n: number, over: Partial<AuditDraft> = {}): AuditDraft {
  return {
    orgId, requestId: `req_${n}`, ts: new Date(), agent: n % 2 ? "bot" : null, upstream: "openai",
    decision: n % 5 === 0 ? "BLOCK" : "ALLOW", stage: n % 5 === 0 ? "inspection" : null,
    ruleIds: n % 5 === 0 ? ["pii.email"] : [],
    findings: n % 5 === 0 ? [{ category: "pii", rule_id: "pii.email", score: 75, location: "body.messages[0]" }] : [],
    latencyUs: 1000 + n, flight: { n }, ...over,
  };
}
