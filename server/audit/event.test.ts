import { describe, expect, it } from "vitest";
import { fromHex, sha256, toHex, ZERO_HASH_HEX } from "./bytes";
import { ZAuditEventBody, createLocalSigner, hashEvent, sealEvent, sealEventChain, verifyEventSignature, verifySignedEvent } from "./event";
import { canonicalize } from "./jcs";
import { generateSigningKey } from "./keys";
import { sampleEventBody } from "./sample-log";
import { signTreeHead, verifyTreeHeadSignature } from "./tree-head";

describe("audit events", () => {
  const key = generateSigningKey("org_a");
  const signer = createLocalSigner(key);

  it("hash is SHA-256 of the JCS bytes and the signature covers the raw hash", () => {
    const body = sampleEventBody("org_a", 1, ZERO_HASH_HEX);
    const signed = sealEvent(body, signer);
    expect(signed.hash).toBe(toHex(sha256(Buffer.from(canonicalize(body), "utf8"))));
    expect(signed.key_id).toBe(key.keyId);
    expect(verifyEventSignature(hashEvent(body), fromHex(signed.signature), key.publicKey)).toBe(true);
    expect(verifySignedEvent(signed, key.publicKey)).toBe(true);
    expect(verifySignedEvent({ ...signed, event: { ...signed.event, decision: "ALLOW_ALL" } }, key.publicKey)).toBe(false);
  });

  it("requires exactly one of upstream or action and the zero prev_hash at seq 1", () => {
    const body = sampleEventBody("org_a", 1, ZERO_HASH_HEX);
    expect(ZAuditEventBody.safeParse({ ...body, action: "x", upstream: "y" }).success).toBe(false);
    const { upstream: _omit, ...neither } = { upstream: undefined, ...body };
    expect(ZAuditEventBody.safeParse(neither).success).toBe(false);
    expect(ZAuditEventBody.safeParse({ ...body, latency_us: 1.5 }).success).toBe(false);
    expect(ZAuditEventBody.safeParse({ ...body, extra: 1 }).success).toBe(false);
    expect(() => sealEvent({ ...body, prev_hash: "ab".repeat(32) }, signer)).toThrow();
  });
});

describe("sealEventChain", () => {
  it("produces exactly what sealing one by one produces, with or without signAsync", async () => {
    const key = generateSigningKey("org_a");
    const signer = createLocalSigner(key);
    const bodies = [1, 2, 3, 4].map((seq) => sampleEventBody("org_a", seq, ZERO_HASH_HEX));
    const expected = [];
    let prev = ZERO_HASH_HEX;
    for (const body of bodies) {
      const signed = sealEvent({ ...body, prev_hash: prev }, signer);
      expected.push(signed);
      prev = signed.hash;
    }
    const drafts = bodies.map(({ prev_hash: _drop, ...draft }) => draft);
    expect(await sealEventChain(drafts, ZERO_HASH_HEX, signer)).toEqual(expected);
    expect(await sealEventChain(drafts, ZERO_HASH_HEX, { keyId: signer.keyId, sign: signer.sign })).toEqual(expected);
    await expect(sealEventChain(drafts.slice(0, 1), "ab".repeat(32), signer)).rejects.toThrow(/zero prev_hash/);
  });
});

describe("tree heads", () => {
  const key = generateSigningKey("org_a");
  const signer = createLocalSigner(key);
  const root = "aa".repeat(32);

  it("chains to the previous head and verifies", () => {
    const first = signTreeHead({ org: "org_a", treeSize: 10, rootHash: root, timestamp: "2025-01-01T00:00:00.000Z", prev: null }, signer);
    expect(first.tree_head.prev_head_hash).toBe(ZERO_HASH_HEX);
    const second = signTreeHead({ org: "org_a", treeSize: 20, rootHash: root, timestamp: "2025-01-01T00:00:01.000Z", prev: first }, signer);
    expect(second.tree_head.prev_head_hash).toBe(first.hash);
    expect(verifyTreeHeadSignature(second, key.publicKey)).toBe(true);
    expect(verifyTreeHeadSignature({ ...second, tree_head: { ...second.tree_head, tree_size: 21 } }, key.publicKey)).toBe(false);
    expect(verifyTreeHeadSignature(second, generateSigningKey("org_a").publicKey)).toBe(false);
  });

  it("refuses to shrink, go back in time or switch org", () => {
    const first = signTreeHead({ org: "org_a", treeSize: 10, rootHash: root, timestamp: "2025-01-01T00:00:00.000Z", prev: null }, signer);
    const next = (over: Partial<{ org: string; treeSize: number; timestamp: string }>) => () =>
      signTreeHead({ org: "org_a", treeSize: 11, rootHash: root, timestamp: "2025-01-01T00:00:01.000Z", prev: first, ...over }, signer);
    expect(next({ treeSize: 9 })).toThrow(/shrank/);
    expect(next({ timestamp: "2024-12-31T00:00:00.000Z" })).toThrow(/earlier/);
    expect(next({ org: "org_b" })).toThrow(/org/);
  });
});
