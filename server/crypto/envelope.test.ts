import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createKeyring, EnvelopeError, parseKekMaterial } from "@/server/crypto/envelope";

const k1 = { kid: "k2024", key: randomBytes(32) };
const k2 = { kid: "k2025", key: randomBytes(32) };
const AAD = "org:o1/upstream:u1";

function flipChar(s: string, index: number): string {
  const c = s[index] === "A" ? "B" : "A";
  return s.slice(0, index) + c + s.slice(index + 1);
}

describe("envelope keyring", () => {
  it("round-trips unicode plaintext with and without aad", () => {
    const ring = createKeyring({ current: k1 });
    const secret = "sk-proj-ünïcødé-🔑";
    const blob = ring.encrypt(secret, AAD);
    expect(blob.startsWith("v1.k2024.")).toBe(true);
    expect(blob).not.toContain(secret);
    expect(ring.decrypt(blob, AAD)).toBe(secret);
    expect(ring.decrypt(ring.encrypt(""), undefined)).toBe("");
  });

  it("uses a fresh data key and iv each time", () => {
    const ring = createKeyring({ current: k1 });
    expect(ring.encrypt("same", AAD)).not.toBe(ring.encrypt("same", AAD));
  });

  it("fails on tampering of any part", () => {
    const ring = createKeyring({ current: k1 });
    const blob = ring.encrypt("secret-value", AAD);
    const parts = blob.split(".");
    for (const i of [2, 3, 4]) {
      const tampered = [...parts];
      tampered[i] = flipChar(tampered[i] ?? "", 2);
      expect(() => ring.decrypt(tampered.join("."), AAD)).toThrow(EnvelopeError);
    }
    expect(() => ring.decrypt("v2." + parts.slice(1).join("."), AAD)).toThrow(/format/);
    expect(() => ring.decrypt("garbage", AAD)).toThrow(EnvelopeError);
  });

  it("fails with the wrong aad (blob copied to another row)", () => {
    const ring = createKeyring({ current: k1 });
    const blob = ring.encrypt("secret-value", AAD);
    expect(() => ring.decrypt(blob, "org:o2/upstream:u1")).toThrow(/authentication failed/);
    expect(() => ring.decrypt(blob)).toThrow(EnvelopeError);
  });

  it("fails when the kid is swapped to another known key", () => {
    const ring = createKeyring({ current: k1, previous: [k2] });
    const blob = ring.encrypt("x", AAD).replace("v1.k2024.", "v1.k2025.");
    expect(() => ring.decrypt(blob, AAD)).toThrow(/authentication failed/);
  });

  it("rotates: old blobs stay readable and rewrap migrates them", () => {
    const oldRing = createKeyring({ current: k1 });
    const blob = oldRing.encrypt("rotate-me", AAD);
    const newRing = createKeyring({ current: k2, previous: [k1] });
    expect(newRing.decrypt(blob, AAD)).toBe("rotate-me");
    expect(newRing.needsRewrap(blob)).toBe(true);
    const migrated = newRing.rewrap(blob);
    expect(migrated.startsWith("v1.k2025.")).toBe(true);
    expect(newRing.needsRewrap(migrated)).toBe(false);
    expect(newRing.rewrap(migrated)).toBe(migrated);
    expect(newRing.decrypt(migrated, AAD)).toBe("rotate-me");
    // Once the old KEK is retired, only migrated rows remain readable.
    const retired = createKeyring({ current: k2 });
    expect(retired.decrypt(migrated, AAD)).toBe("rotate-me");
    expect(() => retired.decrypt(blob, AAD)).toThrow(/no key for kid/);
  });

  it("validates keys", () => {
    expect(() => createKeyring({ current: { kid: "a", key: randomBytes(16) } })).toThrow(/32 bytes/);
    expect(() => createKeyring({ current: { kid: "a.b", key: randomBytes(32) } })).toThrow(/kid/);
    expect(() => createKeyring({ current: k1, previous: [k1] })).toThrow(/duplicate/);
    const hex = randomBytes(32).toString("hex");
    expect(parseKekMaterial("h", hex).key.toString("hex")).toBe(hex);
    const b64 = randomBytes(32).toString("base64");
    expect(parseKekMaterial("b", b64).key.toString("base64")).toBe(b64);
  });
});
