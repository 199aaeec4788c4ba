import { readFileSync } from "node:fs";
import path from "node:path";
import { hashSplit, type BenchCase, type BenchCategory } from "./cases";
import { jsonRequest } from "./templates";

/** DLP cases from pii/composed: typed values (with near-misses) and labelled sentences. */
interface Values {
  credit_cards: Array<{ formatted_variants: string[] }>;
  credit_card_negatives: Array<{ number: string }>;
  iban: Array<{ iban: string; compact: string; mod97_valid: boolean }>;
  ssn: Array<{ value: string; structurally_valid: boolean }>;
  phone: Array<{ value: string }>;
  email: Array<{ value: string; label: string }>;
  ip: Array<{ value: string }>;
  secrets: Array<{ value: string }>;
}

export function loadDlp(dir: string): BenchCase[] {
  const out: BenchCase[] = [];
  const push = (id: string, family: string, category: BenchCategory, text: string, label: "attack" | "benign"): void => {
    out.push({
      id, source: "pii-composed", family, category, channel: "dlp_text", label, hard: false, split: hashSplit(text), dlpMinCount: 1,
      input: { kind: "request", view: jsonRequest("/api/v1/notes", { title: "note", message: text }) },
    });
  };
  const v = JSON.parse(readFileSync(path.join(dir, "pii/composed/pii_test_values.json"), "utf8")) as Values;
  v.credit_cards.forEach((c, i) => c.formatted_variants.forEach((f, j) => push(`card:${i}:${j}`, "card", "pii", f, "attack")));
  v.credit_card_negatives.forEach((c, i) => push(`card-neg:${i}`, "card-near-miss", "pii", c.number, "benign"));
  v.iban.forEach((c, i) => push(`iban:${i}`, c.mod97_valid ? "iban" : "iban-invalid", "pii", c.iban, c.mod97_valid ? "attack" : "benign"));
  v.ssn.forEach((c, i) => push(`ssn:${i}`, c.structurally_valid ? "ssn" : "ssn-invalid", "pii", c.structurally_valid && /\D/.test(c.value) ? c.value : c.structurally_valid ? `SSN: ${c.value}` : c.value, c.structurally_valid ? "attack" : "benign"));
  v.phone.forEach((c, i) => push(`phone:${i}`, "phone", "pii", c.value, "attack"));
  // "user@test" has no dot in the domain: not an address a mail system would route; left out.
  v.email.filter((c) => c.label.startsWith("pii_")).forEach((c, i) => push(`email:${i}`, "email", "pii", c.value, "attack"));
  v.ip.forEach((c, i) => push(`ip:${i}`, "ip", "pii", c.value, "attack"));
  v.secrets.forEach((c, i) => push(`secret:${i}`, "secret", "secret", c.value, "attack"));
  const samples = readFileSync(path.join(dir, "pii/composed/pii_labeled_samples.jsonl"), "utf8").split("\n").filter(Boolean);
  for (const line of samples) {
    const s = JSON.parse(line) as { id: number; text: string; label: string; pii_types: string[] };
    const category: BenchCategory = s.pii_types.includes("secret") ? "secret" : "pii";
    push(`sentence:${s.id}`, s.label === "pii" ? "sentence" : "sentence-benign", category, s.text, s.label === "pii" ? "attack" : "benign");
  }
  return out;
}
