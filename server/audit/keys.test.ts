import { describe, expect, it } from "vitest";
import { fromHex, sha256, toHex } from "./bytes";
import { encodeSecretKey, generateSigningKey, isKeyValidAt, keyIdOf, keyRecordProblem, rotateKeyRecords, signingKeyFromSecretHex, toKeyRecord } from "./keys";
import { isAuditTimestamp } from "./timestamp";

describe("signing keys", () => {
  it("key id is the first 16 hex chars of SHA-256(public key)", () => {
    const pub = fromHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    expect(keyIdOf(pub)).toBe(toHex(sha256(pub)).slice(0, 16));
    expect(keyIdOf(pub)).toHaveLength(16);
  });

  it("round-trips a secret through its hex encoding", () => {
    const key = generateSigningKey("org_a");
    const again = signingKeyFromSecretHex("org_a", encodeSecretKey(key));
    expect(again.keyId).toBe(key.keyId);
    expect(toHex(again.publicKey)).toBe(toHex(key.publicKey));
  });

  it("rotation closes the old period where the new one opens, so old times keep their key", () => {
    const a = generateSigningKey("org_a");
    const b = generateSigningKey("org_a");
    const records = rotateKeyRecords([toKeyRecord(a, "2025-01-01T00:00:00.000Z")], b, "2025-06-01T00:00:00.000Z");
    const [ra, rb] = records;
    if (!ra || !rb) throw new Error("expected two records");
    expect(ra.valid_until).toBe("2025-06-01T00:00:00.000Z");
    expect(isKeyValidAt(ra, "2025-05-31T23:59:59.999Z")).toBe(true);
    expect(isKeyValidAt(ra, "2025-06-01T00:00:00.000Z")).toBe(false);
    expect(isKeyValidAt(rb, "2025-06-01T00:00:00.000Z")).toBe(true);
    expect(isKeyValidAt(rb, "2024-12-31T00:00:00.000Z")).toBe(false);
    expect(() => rotateKeyRecords(records, b, "2025-07-01T00:00:00.000Z")).toThrow();
  });

  it("flags a key id that does not belong to the public key", () => {
    const rec = toKeyRecord(generateSigningKey("org_a"), "2025-01-01T00:00:00.000Z");
    expect(keyRecordProblem(rec)).toBeNull();
    expect(keyRecordProblem({ ...rec, key_id: "0000000000000000" })).toMatch(/key_id/);
    expect(keyRecordProblem({ ...rec, valid_until: rec.valid_from })).toMatch(/validity/);
  });

  it("accepts only fixed-width UTC millisecond timestamps", () => {
    expect(isAuditTimestamp("2025-01-31T12:00:00.000Z")).toBe(true);
    expect(isAuditTimestamp("2025-01-31T12:00:00Z")).toBe(false);
    expect(isAuditTimestamp("2025-02-30T12:00:00.000Z")).toBe(false);
    expect(isAuditTimestamp("2025-01-31T12:00:00.000+00:00")).toBe(false);
  });
});
