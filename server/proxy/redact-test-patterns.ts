// A small secret/PII list for the redactor's tests only; production patterns come from
// server/inspection/dlp/patterns.ts and are passed in by the gateway.
import type { TRedactionPattern } from "@/server/proxy/redact-stream";

function isLuhnValid(value: string): boolean {
  const digits = value.replace(/\D/g, "");
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length >= 13 && sum % 10 === 0;
}

export const TEST_PATTERNS: TRedactionPattern[] = [
  { id: "openai_key", regex: /\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}/g },
  { id: "aws_access_key", regex: /\bAKIA[0-9A-Z]{16}\b/g },
  { id: "github_token", regex: /(?<![A-Za-z0-9])ghp_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g },
  { id: "email", regex: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, mask: "[EMAIL]" },
  { id: "card", regex: /\b(?:\d[ -]?){12,18}\d\b/g, validate: isLuhnValid, mask: (m) => `[CARD ****${m.slice(-4)}]` },
  { id: "private_key", regex: /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/g },
];
