import { describe, expect, it } from "vitest";
import { categories, ids, inJson } from "../test-helpers";
import { maskValue, PII_PATTERNS, SECRET_PATTERNS } from "./patterns";
import { isCardNumber, isValidIban, isValidSsn } from "./validators";

const single = { dlp: { minCount: 1, classes: ["ssn", "credit_card", "iban", "phone", "email", "ip_address", "medical_record", "date_of_birth"] } };

describe("validators", () => {
  it("checks Luhn and issuer ranges", () => {
    expect(isCardNumber("4111 1111 1111 1111")).toBe(true);
    expect(isCardNumber("3782 822463 10005")).toBe(true);
    expect(isCardNumber("4111111111111112")).toBe(false);
    expect(isCardNumber("0000000000000000")).toBe(false);
    expect(isCardNumber("1234567890123452")).toBe(false);
  });
  it("applies SSA area/group/serial rules", () => {
    expect(isValidSsn("078-05-1120")).toBe(true);
    for (const bad of ["000-12-3456", "666-12-3456", "900-12-3456", "123-00-4567", "123-45-0000"]) expect(isValidSsn(bad)).toBe(false);
  });
  it("checks IBAN mod-97", () => {
    expect(isValidIban("GB82 WEST 1234 5698 7654 32")).toBe(true);
    expect(isValidIban("GB82 WEST 1234 5698 7654 33")).toBe(false);
  });
});

describe("DLP detection", () => {
  it("reports one card number from the first match", () => {
    expect(ids(inJson({ note: "charge 4242 4242 4242 4242 please" }))).toContain("pii-credit-card");
  });
  it("does not report a single invalid card number or an order id", () => {
    expect(categories(inJson({ note: "order 4111111111111112 shipped" }, 1, single))).not.toContain("pii");
    expect(categories(inJson({ note: "Tracking ID 1234567890123456" }, 1, single))).not.toContain("pii");
  });
  it("lets one e-mail through a contact form but reports a bulk dump", () => {
    expect(inJson({ email: "jane@example.com", message: "hi" })).toEqual([]);
    const dump = Array.from({ length: 8 }, (_, i) => ({ email: `user${i}@example.com`, phone: `(415) 555-01${10 + i}` }));
    const found = inJson({ rows: dump });
    expect(ids(found)).toEqual(expect.arrayContaining(["pii-email", "pii-phone-nanp"]));
    expect(found.every((f) => !f.evidence.includes("user1@"))).toBe(true);
  });
  it("respects the org's inspected classes", () => {
    const dump = { rows: Array.from({ length: 8 }, (_, i) => `user${i}@example.com`) };
    expect(categories(inJson(dump, 1, { dlp: { minCount: 5, classes: ["ssn"] } }))).not.toContain("pii");
  });
  it("finds credentials and masks them in evidence", () => {
    const found = inJson({ config: "aws_access_key_id = AKIAIOSFODNN7EXAMPLE", token: "ghp_0123456789abcdefghijABCDEFGHIJ012345" });
    expect(ids(found)).toEqual(expect.arrayContaining(["secret-aws-access-key", "secret-github-token"]));
    for (const f of found) expect(f.evidence).not.toContain("IOSFODNN7EXAMPLE");
  });
  it("does not treat ISBNs, UUIDs, versions or loopback addresses as PII", () => {
    const text = "ISBN 978-0-306-40615-7, request 550e8400-e29b-41d4-a716-446655440000, version 10.4.1234.5678, listening on 127.0.0.1:8080";
    expect(categories(inJson({ note: text }, 1, single))).toEqual([]);
  });
});

describe("masking table", () => {
  it("masks every class with one call", () => {
    const masked = maskValue("SSN 078-05-1120, card 4111-1111-1111-1111, jane.doe@example.com, key AKIAIOSFODNN7EXAMPLE");
    expect(masked).not.toMatch(/078-05|4111-1111-1111|jane\.doe|IOSFODNN7/);
    expect(masked).toContain("1120");
  });
  it("exports global regexes with ids and classes", () => {
    for (const p of [...SECRET_PATTERNS, ...PII_PATTERNS]) {
      expect(p.regex.global).toBe(true);
      expect(p.id.length).toBeGreaterThan(0);
    }
  });
  it("is stable when called twice (no lastIndex leakage)", () => {
    const s = "call (415) 555-0132";
    expect(maskValue(s)).toBe(maskValue(s));
  });
});
