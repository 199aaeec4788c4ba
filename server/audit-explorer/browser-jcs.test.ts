// The dashboard verifies chains with its own JCS port (no Node Buffer); this
// proves it writes exactly the server's bytes, and that the browser verifier
// accepts what the server signs.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalize as serverCanonicalize } from "@/server/audit/jcs";
import { generateSigningKey, createLocalSigner, sealEventChain, toKeyRecord, ZERO_HASH_HEX } from "@/server/audit";
import { canonicalize as browserCanonicalize } from "@/app/(dashboard)/[orgSlug]/audit/jcs";
import { verifyChain } from "@/app/(dashboard)/[orgSlug]/audit/verify-chain";

function randomValue(depth: number): unknown {
  const pick = Math.floor(Math.random() * (depth > 3 ? 5 : 7));
  const str = () => {
    const chars = ["a", "Z", "é", "😀", "\u0000", "\u001f", "\u007f", "\u2028", '"', "\\", "/", "\n", "\t", "€", "\ud834\udd1e"];
    return Array.from({ length: Math.floor(Math.random() * 6) }, () => chars[Math.floor(Math.random() * chars.length)]).join("");
  };
  switch (pick) {
    case 0: return null;
    case 1: return Math.random() < 0.5;
    case 2: return Math.floor(Math.random() * Number.MAX_SAFE_INTEGER) * (Math.random() < 0.2 ? -1 : 1);
    case 3: return str();
    case 4: return Math.random() * 1e6;
    case 5: return Array.from({ length: Math.floor(Math.random() * 4) }, () => randomValue(depth + 1));
    default: return Object.fromEntries(Array.from({ length: Math.floor(Math.random() * 5) }, () => [str(), randomValue(depth + 1)]));
  }
}

describe("browser JCS port", () => {
  it("matches the server on edge cases", () => {
    const cases: unknown[] = [
      null, true, false, 0, -0, 1830, Number.MAX_SAFE_INTEGER, 1e21, 0.1, "", "\u0000\u001f\u007f", "\u2028\u2029", "😀",
      { b: 1, a: [1, "x", null], "\u00e9": { z: true, A: false } }, { "\ud800\udc00": 1, "\uffff": 2, a: 3 }, [], {}, { a: undefined, b: 1 },
    ];
    for (const c of cases) expect(browserCanonicalize(c)).toBe(serverCanonicalize(c));
  });

  it("matches the server on 2,000 random values", () => {
    for (let i = 0; i < 2000; i++) {
      const v = randomValue(0);
      expect(browserCanonicalize(v)).toBe(serverCanonicalize(v));
    }
  });

  it("rejects what the server rejects", () => {
    for (const bad of [NaN, Infinity, "\ud800", { "\udc00": 1 }, [undefined], new Date(0), () => 1]) {
      expect(() => serverCanonicalize(bad)).toThrow();
      expect(() => browserCanonicalize(bad)).toThrow();
    }
  });

  it("verifies a server-sealed chain with WebCrypto and with noble, and finds a tampered event", async () => {
    const org = `org_${randomBytes(4).toString("hex")}`;
    const key = generateSigningKey(org);
    const ts = new Date().toISOString();
    const drafts = Array.from({ length: 20 }, (_, i) => ({
      org, seq: i + 1, ts, request_id: `req_${i}`, agent: i % 2 ? "bøt 😀" : null, decision: i % 3 ? "ALLOW" : "BLOCK", stage: null,
      rule_ids: i % 3 ? [] : ["waf.sqli.union"], findings: { count: 0, types: [], max_severity: null }, latency_us: 1000 + i, upstream: "api",
    }));
    const signed = await sealEventChain(drafts, ZERO_HASH_HEX, createLocalSigner(key));
    const keyRecord = toKeyRecord(key, new Date(Date.now() - 60_000).toISOString());
    const input = { fromSeq: 1, anchorHash: null, keys: [keyRecord], events: signed };
    await expect(verifyChain(input)).resolves.toMatchObject({ ok: true, checked: 20, signatures: "webcrypto" });
    await expect(verifyChain(input, { forceNoble: true })).resolves.toMatchObject({ ok: true, checked: 20, signatures: "noble" });

    const tampered = structuredClone(signed);
    tampered[7]!.event.decision = "KILL";
    await expect(verifyChain({ ...input, events: tampered })).resolves.toMatchObject({ ok: false, seq: 8, code: "HASH_MISMATCH" });

    const gap = signed.filter((e) => e.event.seq !== 5);
    await expect(verifyChain({ ...input, events: gap })).resolves.toMatchObject({ ok: false, seq: 5, code: "SEQ_GAP" });

    const badSig = structuredClone(signed);
    badSig[3]!.signature = badSig[2]!.signature;
    await expect(verifyChain({ ...input, events: badSig }, { forceNoble: true })).resolves.toMatchObject({ ok: false, seq: 4, code: "BAD_SIGNATURE" });
  });
});
