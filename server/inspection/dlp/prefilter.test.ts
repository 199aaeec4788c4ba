import { describe, expect, it } from "vitest";
import { PII_PATTERNS, SECRET_PATTERNS } from "./patterns";
import { digitShape, mayHoldPii, mayHoldSecret } from "./detect";
import { ids, inJson } from "../test-helpers";

/**
 * The DLP prefilters (detect.ts) skip a pattern when a value cannot hold a match. They are only
 * sound if every string a pattern matches passes its prefilter: checked here on random strings
 * built from digit runs and the separators the patterns allow, plus known positives.
 */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PARTS = [" ", "-", ".", "(", ")", "+", "+1", "+44 ", "0", "1", "\t", "\u00a0", "/", ":", "x", "Z", "GB", "DE", "@", "a", "  ", ") ", "SSN ", "ssn: ", "mrn ", "dob: ", "born on "];
const SEPARATORS = [" ", "-", ".", "(", ")", "+", "\t", "\u00a0", "/", " (", ") ", "-(", ")-(", "  "];
const digitsOf = (next: () => number, len: number) => Array.from({ length: len }, () => String.fromCharCode(48 + Math.floor(next() * 10))).join("");
/** Digit groups joined by 0–3 separator characters: the shapes of cards, SSNs, phones and IBANs. */
function groupedText(next: () => number): string {
  if (next() < 0.15) {
    const sep = next() < 0.5 ? "-" : " ";
    return `${digitsOf(next, 1 + Math.floor(next() * 4))}${sep}${digitsOf(next, 2)}${sep}${digitsOf(next, 4 + Math.floor(next() * 2))}`;
  }
  let s = next() < 0.3 ? (PARTS[Math.floor(next() * PARTS.length)] as string) : "";
  const groups = 2 + Math.floor(next() * 5);
  for (let g = 0; g < groups; g++) {
    if (g > 0) s += next() < 0.5 ? (next() < 0.5 ? " " : "-") : (SEPARATORS[Math.floor(next() * SEPARATORS.length)] as string);
    s += digitsOf(next, 1 + Math.floor(next() * 5));
  }
  return s;
}

function randomText(next: () => number): string {
  if (next() < 0.5) return groupedText(next);
  let s = "";
  const n = 1 + Math.floor(next() * 14);
  for (let i = 0; i < n; i++) {
    if (next() < 0.55) {
      const len = 1 + Math.floor(next() * 6);
      for (let k = 0; k < len; k++) s += String.fromCharCode(48 + Math.floor(next() * 10));
    } else s += PARTS[Math.floor(next() * PARTS.length)] as string;
  }
  return s;
}

/** The prefilter before digit chains were measured: the new one may only skip what cannot match. */
function previousPrefilter(cls: string, raw: string): boolean {
  const digits = raw.replace(/\D/g, "").length;
  if (digits < 4 && !raw.includes("@")) return false;
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

const KNOWN = [
  "4242 4242 4242 4242", "4111-1111-1111-1111", "378282246310005", "078-05-1120", "078 05 1120", "ssn: 078051120", "social security number 078051120",
  "(415) 555-2671", "+1 415 555 2671", "1-415-555-2671", "415.555.2671", "+14155552671", "+44 20 7946 0958", "+33 (1) 42 68 53 00", "020 7946 0958",
  "GB82 WEST 1234 5698 7654 32", "DE89370400440532013000", "alice@example.com", "\"a b\"@example.org", "mrn: 12345678", "dob: 1990-01-31", "born on March 3, 1990",
  "192.168.1.20", "8.8.8.8", "2001:db8::1", "fe80::1ff:fe23:4567:890a",
];

describe("DLP prefilters are sound", () => {
  it("every PII pattern match the previous prefilter scanned passes the new one (random and known strings)", () => {
    const next = rng(7);
    const texts = [...KNOWN, ...Array.from({ length: 40_000 }, () => randomText(next))];
    const matched = new Map<string, number>();
    for (const text of texts) {
      for (const p of PII_PATTERNS) {
        const re = new RegExp(p.regex.source, p.regex.flags.replace("g", ""));
        if (!re.test(text) || !previousPrefilter(p.class, text)) continue;
        matched.set(p.id, (matched.get(p.id) ?? 0) + 1);
        if (!mayHoldPii(p.class, text)) throw new Error(`${p.id} matches ${JSON.stringify(text)} but its prefilter skips it`);
      }
    }
    // The generator must exercise every pattern, or the check above proves nothing.
    for (const p of PII_PATTERNS) expect(matched.get(p.id) ?? 0, p.id).toBeGreaterThan(["credit_card", "ssn", "phone", "iban"].includes(p.class) ? 20 : 0);
  });

  it("skips the digit-shaped classes on benign API values", () => {
    for (const text of ["daa66d13-daa6-4aa6-aa66-daa66d13daa6", "2024-04-13T03:15:00Z", "https://api.example.com/v1/orders/daa66d13-daa6-4aa6-aa66-daa66d13daa6", "Invoice #4821 was paid on 2024-05-17, ref. INV-4821/B. Ticket 40003."]) {
      for (const cls of ["credit_card", "ssn", "phone", "iban"]) expect(mayHoldPii(cls, text), `${cls} ${text}`).toBe(false);
    }
  });

  it("measures digit chains", () => {
    expect(digitShape("4242 4242-4242 4242")).toMatchObject({ digits: 16, dashChain: 16 });
    expect(digitShape("12 -34")).toMatchObject({ dashChain: 2, wideChain: 4 });
    expect(digitShape("(415) 555-2671")).toMatchObject({ wideChain: 10, dashChain: 7 });
    expect(digitShape("GB82 WEST 1234")).toMatchObject({ ibanChain: 12 });
  });

  it("the long-token prefilter admits exactly the runs the AWS secret pattern can match", () => {
    const aws = SECRET_PATTERNS.find((p) => p.id === "secret-aws-secret-key");
    if (!aws) throw new Error("missing pattern");
    const re = new RegExp(aws.regex.source);
    const next = rng(11);
    const alphabet = "aB3/+=-. x";
    let positives = 0;
    for (let i = 0; i < 20_000; i++) {
      let s = "";
      const len = 30 + Math.floor(next() * 60);
      for (let k = 0; k < len; k++) s += next() < 0.93 ? "aB3/+"[Math.floor(next() * 5)] : alphabet[Math.floor(next() * alphabet.length)];
      if (re.test(s)) {
        positives++;
        if (!mayHoldSecret(s)) throw new Error(`aws secret pattern matches ${s} but the prefilter skips it`);
      }
    }
    expect(positives).toBeGreaterThan(100);
    // A base64 image (one long run) cannot hold the 40-character key; a 40-character run can.
    expect(mayHoldSecret("iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAAXNSR0IArs4c6QAAAARnQU1BAACxjwv8YQUAAAAJcEhZcwAADsMAAA7DAcdvqGQAAAA")).toBe(false);
    expect(mayHoldSecret("key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY end")).toBe(true);
  });

  it("still reports through the engine", () => {
    const found = ids(inJson({ a: "card 4242 4242 4242 4242", b: "ssn 078-05-1120", c: "aws wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", d: "GB82 WEST 1234 5698 7654 32" }, 1, { dlp: { minCount: 1, classes: ["ssn", "credit_card", "iban", "phone"] } }));
    expect(found).toEqual(expect.arrayContaining(["pii-credit-card", "pii-ssn", "secret-aws-secret-key", "pii-iban"]));
    expect(ids(inJson({ phones: "+1 415 555 2671, (415) 555-2672, +44 20 7946 0958" }, 1, { dlp: { minCount: 1, classes: ["phone"] } }))).toContain("pii-phone-nanp");
  });
});

describe("DLP scans a repeated text once", () => {
  it("reports repeated secrets at every location and counts repeated PII once", () => {
    const body = { a: "key AKIAIOSFODNN7EXAMPLE", b: "key AKIAIOSFODNN7EXAMPLE", c: "mail bob@example.com", d: "mail bob@example.com", e: "ann@example.org" };
    const findings = inJson(body, 1, { dlp: { minCount: 2, classes: ["email"] } });
    expect(findings.map((f) => [f.rule_id, f.location, f.evidence])).toEqual([
      ["secret-aws-access-key", "body.a", "AKIA…[AWS_KEY]"],
      ["secret-aws-access-key", "body.b", "AKIA…[AWS_KEY]"],
      ["pii-email", "body.c", "2 × email: b***@example.com"],
    ]);
  });

  it("keeps the match cap of a request whose values repeat", () => {
    const many = Array.from({ length: 300 }, (_, i) => `u${i}@example.com`).join(" ");
    const findings = inJson({ a: many, b: many, c: "x@example.net" }, 1, { dlp: { minCount: 1, classes: ["email"] } });
    // 300 distinct addresses from body.a, the cap stops body.b after one match and body.c's.
    expect(findings.find((f) => f.rule_id === "pii-email")?.evidence).toMatch(/^301 × email/);
    // Past the cap in the first value: each later value still adds one match, as a fresh scan did.
    const more = Array.from({ length: 600 }, (_, i) => `v${i}@example.com`).join(" ");
    const capped = inJson({ a: more, b: more, c: "x@example.net" }, 1, { dlp: { minCount: 1, classes: ["email"] } });
    expect(capped.find((f) => f.rule_id === "pii-email")?.evidence).toMatch(/^502 × email/);
  });
});
