import type { Finding, InspectionConfig } from "../types";
import type { InspectedValue } from "../normalize/values";
import { PII_PATTERNS, SECRET_PATTERNS, type MaskPattern } from "./patterns";

/**
 * DLP over request values. Secrets always report. PII classes that identify a person or account
 * on their own (ssn, credit_card, iban, medical_record) report from the first valid match; the
 * contact classes report only when the request carries config.dlp.minCount of them, which is
 * how one e-mail in a contact form passes and a dump of a customer table does not.
 * Headers and the path are not scanned: cookies and forwarding headers carry tokens and client
 * IPs by design.
 */
const SENSITIVE = new Set(["ssn", "credit_card", "iban", "medical_record"]);
const SCANNED_KINDS = new Set(["param", "body", "llm", "key"]);
const MAX_SCAN = 65536;
const GATE = /\d|@|-----|ey|sk|gh|xox|aiza|sg\.|npm_|glpat|password|secret|token|key|pwd/i;

interface Match {
  pattern: MaskPattern;
  location: string;
  text: string;
}

function scan(value: string, location: string, patterns: MaskPattern[], out: Match[]): void {
  for (const p of patterns) {
    p.regex.lastIndex = 0;
    for (const m of value.matchAll(p.regex)) {
      if (p.validate && !p.validate(m[0])) continue;
      out.push({ pattern: p, location, text: m[0] });
      if (out.length > 500) return;
    }
  }
}

const SCORE: Record<string, number> = { ssn: 80, credit_card: 85, iban: 70, medical_record: 70, email: 40, phone: 40, ip_address: 30, date_of_birth: 50 };

export function inspectDlp(values: InspectedValue[], config: InspectionConfig): Finding[] {
  const secrets: Match[] = [];
  const pii: Match[] = [];
  const classes = new Set(config.dlp.classes);
  const piiPatterns = PII_PATTERNS.filter((p) => classes.has(p.class));
  for (const v of values) {
    if (!SCANNED_KINDS.has(v.kind) || !GATE.test(v.raw)) continue;
    const raw = v.raw.length > MAX_SCAN ? v.raw.slice(0, MAX_SCAN) : v.raw;
    scan(raw, v.location, SECRET_PATTERNS, secrets);
    if (/\d|@/.test(raw)) scan(raw, v.location, piiPatterns, pii);
  }
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const m of secrets) {
    const key = `${m.pattern.id}|${m.location}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const score = m.pattern.id === "secret-password-assignment" || m.pattern.id === "secret-aws-secret-key" ? 60 : 90;
    findings.push({ category: "secret", rule_id: m.pattern.id, score, location: m.location, evidence: m.pattern.mask(m.text).slice(0, 80) });
  }
  // A card number is also an SSN-free digit run; keep the more specific class per matched text.
  const byClass = new Map<string, Match[]>();
  const claimed = new Set<string>();
  for (const m of pii) {
    const key = `${m.location}|${m.text.replace(/\D/g, "")}`;
    if (m.pattern.class !== "credit_card" && m.pattern.class !== "ssn" && claimed.has(key)) continue;
    if (m.pattern.class === "credit_card" || m.pattern.class === "ssn") claimed.add(key);
    const list = byClass.get(m.pattern.class) ?? [];
    list.push(m);
    byClass.set(m.pattern.class, list);
  }
  for (const [cls, matches] of byClass) {
    const count = new Set(matches.map((m) => m.text)).size;
    if (!SENSITIVE.has(cls) && count < config.dlp.minCount) continue;
    const first = matches[0];
    if (!first) continue;
    const base = SCORE[cls] ?? 40;
    const score = Math.min(100, base + (count >= config.dlp.minCount ? 15 : 0) + Math.min(10, count - 1));
    findings.push({
      category: "pii", rule_id: first.pattern.id, score, location: first.location,
      evidence: `${count} × ${cls}: ${first.pattern.mask(first.text)}`.slice(0, 80),
    });
  }
  return findings;
}
