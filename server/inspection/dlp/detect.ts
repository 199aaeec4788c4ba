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

function isTokenChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47;
}

/**
 * Whether the unprefixed AWS secret key pattern (secret-aws-secret-key) can match, in one linear
 * pass: its regex takes exactly 40 token characters ([A-Za-z0-9/+]) with no token character
 * before and neither a token character nor '=' after, i.e. a maximal token run of exactly 40
 * characters not followed by '='. (Longer runs, such as a base64 image, cannot hold a match.)
 */
function hasLongToken(raw: string): boolean {
  let run = 0;
  for (let i = 0; i <= raw.length; i++) {
    const c = i < raw.length ? raw.charCodeAt(i) : -1;
    if (isTokenChar(c)) {
      run++;
      continue;
    }
    if (run === 40 && c !== 61 /* = */) return true;
    run = 0;
  }
  return false;
}

function couldHoldSecret(raw: string): boolean {
  return SECRET_PREFIXES.test(raw) || SECRET_WORDS.test(raw) || (raw.length >= 40 && hasLongToken(raw));
}

/**
 * Digit shapes of a value, measured in one pass, so a PII pattern is only run where its digits
 * could be. A "chain" is a sequence of ASCII digits whose neighbours are separated by a gap of at
 * most N characters from a gap set; every card, SSN and phone pattern matches such a chain:
 *
 * - pii-credit-card `\d(?:[ -]?\d){11,18}`: ≥ 12 digits, gaps ≤ 1 from {space, '-'} (dashChain);
 * - pii-ssn `\d{3}([- ])\d{2}\1\d{4}` and pii-ssn-labelled `\d{9}`: ≥ 9 digits, same gaps;
 * - pii-phone-nanp: 10 digits (area, exchange, line) with gaps `[ .-]?\(?`, `\)\s?` or `[ .-]`, at
 *   most 2 characters, none a letter or digit (or 11 contiguous digits after "+1");
 * - pii-phone-intl: after a '+', ≥ 5 digits with gaps `\)?[ .-]?\(?` (≤ 3); or `0\d{2,4} \d{3,4} \d{3,4}`,
 *   ≥ 9 digits with single-space gaps. So a phone needs wideChain ≥ 5 and (a '+' or wideChain ≥ 9),
 *   where wideChain allows gaps of ≤ 3 characters that are not ASCII letters or digits.
 * - pii-iban `\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b` (case-sensitive): ≥ 15 characters of [A-Z0-9]
 *   with gaps ≤ 1 space (ibanChain).
 *
 * Wider gap sets and longer gaps only make a chain longer, so the bounds are necessary conditions.
 */
export interface DigitShape {
  digits: number;
  dashChain: number;
  wideChain: number;
  ibanChain: number;
  plus: boolean;
  at: boolean;
}

export function digitShape(s: string): DigitShape {
  let digits = 0;
  let dashChain = 0, dash = 0, dashGap = 0;
  let wideChain = 0, wide = 0, wideGap = 0;
  let ibanChain = 0, iban = 0, ibanGap = 0;
  let plus = false, at = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const isDigit = c >= 48 && c <= 57;
    const isUpper = c >= 65 && c <= 90;
    if (isDigit) {
      digits++;
      dash = dashGap <= 1 ? dash + 1 : 1;
      wide = wideGap <= 3 ? wide + 1 : 1;
      dashGap = 0;
      wideGap = 0;
      if (dash > dashChain) dashChain = dash;
      if (wide > wideChain) wideChain = wide;
    } else {
      // Before the first digit the gaps are "infinite": dash/wide are 0 and restart at 1.
      dashGap = c === 32 || c === 45 ? dashGap + 1 : 2;
      const isLetter = isUpper || (c >= 97 && c <= 122);
      wideGap = isLetter ? 4 : wideGap + 1;
      if (c === 43) plus = true;
      else if (c === 64) at = true;
    }
    if (isDigit || isUpper) {
      iban = ibanGap <= 1 ? iban + 1 : 1;
      ibanGap = 0;
      if (iban > ibanChain) ibanChain = iban;
    } else {
      ibanGap = c === 32 ? ibanGap + 1 : 2;
    }
  }
  return { digits, dashChain, wideChain, ibanChain, plus, at };
}

/** Whether `scan` would run a PII class's patterns on a value (exported for the soundness tests). */
export function mayHoldPii(cls: string, raw: string): boolean {
  const shape = digitShape(raw);
  return (shape.digits >= 4 || shape.at) && couldHold(cls, raw, shape);
}

/** Whether `scan` would run the secret patterns on a value (exported for the soundness tests). */
export function mayHoldSecret(raw: string): boolean {
  return couldHoldSecret(raw);
}

/** Cheap necessary conditions per PII class, so a value is only regex-scanned for classes it could hold. */
function couldHold(cls: string, raw: string, shape: DigitShape): boolean {
  switch (cls) {
    case "credit_card": return shape.digits >= 12 && shape.dashChain >= 12;
    case "ssn": return shape.digits >= 9 && shape.dashChain >= 9;
    case "phone": return shape.digits >= 10 && shape.wideChain >= 5 && (shape.plus || shape.wideChain >= 9);
    case "iban": return shape.digits >= 8 && shape.ibanChain >= 15 && /[A-Z]{2}\d{2}/i.test(raw);
    case "email": return shape.at;
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

function scan(value: string, location: string, patterns: MaskPattern[], out: Match[], shape?: DigitShape): void {
  // Patterns of one class are adjacent (ipv4/ipv6, the two phone and SSN shapes): the class test runs once.
  let lastClass = "";
  let lastHold = true;
  for (const p of patterns) {
    if (shape !== undefined) {
      if (p.class !== lastClass) {
        lastClass = p.class;
        lastHold = couldHold(p.class, value, shape);
      }
      if (!lastHold) continue;
    }
    // exec over the shared global regex: the same matches as matchAll, without its per-call clone.
    const re = p.regex;
    re.lastIndex = 0;
    for (let m = re.exec(value); m !== null; m = re.exec(value)) {
      if (m[0].length === 0) re.lastIndex++;
      if (p.validate && !p.validate(m[0])) continue;
      out.push({ pattern: p, location, text: m[0] });
      if (out.length > 500) {
        re.lastIndex = 0;
        return;
      }
    }
  }
}

/**
 * Appends one value's matches at its location, stopping as `scan` would have: `matches` holds at
 * most 501 (a fresh scan stops there), and `scan` into `out` stops once `out` holds more than 500.
 */
function replay(matches: Match[], location: string, out: Match[]): void {
  for (const m of matches) {
    out.push({ pattern: m.pattern, location, text: m.text });
    if (out.length > 500) return;
  }
}

const SCORE: Record<string, number> = { ssn: 80, credit_card: 85, iban: 70, medical_record: 70, email: 40, phone: 40, ip_address: 30, date_of_birth: 50 };

/**
 * Matches found per scanned text under one set of PII classes. A caller may share one across
 * inspectDlp calls with the same `config.dlp.classes` (the engine probes values alone, then scans
 * the request): a text is then scanned once. Matches do not depend on minCount.
 */
export type DlpScanCache = Map<string, { secrets: Match[]; pii: Match[] }>;

export function inspectDlp(values: InspectedValue[], config: InspectionConfig, scanned: DlpScanCache = new Map()): Finding[] {
  const secrets: Match[] = [];
  const pii: Match[] = [];
  const classes = new Set(config.dlp.classes);
  const piiPatterns = PII_PATTERNS.filter((p) => classes.has(p.class));
  // Matches depend on the text alone, so a text repeated in the request (enum values, titles) is
  // scanned once and its matches replayed at each location, in order and under the same cap.
  for (const v of values) {
    if (!SCANNED_KINDS.has(v.kind)) continue;
    const raw = v.raw.length > MAX_SCAN ? v.raw.slice(0, MAX_SCAN) : v.raw;
    let found = scanned.get(raw);
    if (found === undefined) {
      found = { secrets: [], pii: [] };
      if (couldHoldSecret(raw)) scan(raw, "", SECRET_PATTERNS, found.secrets);
      const shape = digitShape(raw);
      if (shape.digits >= 4 || shape.at) scan(raw, "", piiPatterns, found.pii, shape);
      scanned.set(raw, found);
    }
    replay(found.secrets, v.location, secrets);
    replay(found.pii, v.location, pii);
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
