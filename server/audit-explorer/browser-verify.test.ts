// The dashboard verifies chains in the browser with the server's own canonicalizer
// (server/audit/jcs.ts, client-safe): the browser verifier accepts what the server
// signs and finds what was changed.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateSigningKey, createLocalSigner, sealEventChain, toKeyRecord, ZERO_HASH_HEX } from "@/server/audit";
import { verifyChain } from "@/app/(dashboard)/[orgSlug]/audit/verify-chain";

describe("in-browser chain verification", () => {
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
