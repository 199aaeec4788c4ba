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
const SECRET_PREFIXES = /A[KSBCGIRNP][A-Z]A[A-Z0-9]{16}|gh[pousr]_|github_pat_|glpat-|xox[abposre]-|hooks\.slack|_live_|_test_|whsec_|sk-|AIza|SG\.|npm_|eyJ|-----BEGIN/;
const SECRET_WORDS = /passw|pwd|secret|api[_-]?key|access[_-]?token|client[_-]?secret/i;
// The unprefixed AWS secret key shape ([A-Za-z0-9/+]{40}) is tested separately and only on long
// values: folded into the alternation above it made that regex the most expensive line of the engine.

/** Same as LONG_TOKEN.test, in one linear pass (the regex retries its 40-character window at every offset). */
function hasLongToken(raw: string): boolean {
  let run = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    const tokenChar = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47;
    run = tokenChar ? run + 1 : 0;
    if (run >= 40) return true;
  }
  return false;
}

function couldHoldSecret(raw: string): boolean {
  return SECRET_PREFIXES.test(raw) || SECRET_WORDS.test(raw) || (raw.length >= 40 && hasLongToken(raw));
}

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** Cheap necessary conditions per PII class, so a value is only regex-scanned for classes it could hold. */
function couldHold(cls: string, raw: string, digits: number): boolean {
  switch (cls) {
    case "credit_card": return digits >= 12;
    case "ssn": return digits >= 9;
    case "phone": return digits >= 10;
    case "iban": return digits >= 8 && /[A-Z]{2}\d{2}/i.test(raw);
    case "email": return raw.includes("@");
    case "ip_address": return /\d\.\d|[0-9a-f]:[0-9a-f]*:/i.test(raw);
    case "medical_record": return /mrn|medical|patient/i.test(raw);
    case "date_of_birth": return /dob|d\.o\.b|birth|born/i.test(raw);
    default: return true;
  }
}

interface Match {
  pattern: MaskPattern;
  location: string;
  text: string;
}

function scan(value: string, location: string, patterns: MaskPattern[], out: Match[], digits = -1): void {
  for (const p of patterns) {
    if (digits >= 0 && !couldHold(p.class, value, digits)) continue;
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
    if (!SCANNED_KINDS.has(v.kind)) continue;
    const raw = v.raw.length > MAX_SCAN ? v.raw.slice(0, MAX_SCAN) : v.raw;
    if (couldHoldSecret(raw)) scan(raw, v.location, SECRET_PATTERNS, secrets);
    const digits = countDigits(raw);
    if (digits >= 4 || raw.includes("@")) scan(raw, v.location, piiPatterns, pii, digits);
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
