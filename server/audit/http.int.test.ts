import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createKeyring } from "@/server/crypto/envelope";
import { createTestOrg, getTestDb } from "@/server/testing/db";
import { createPostgresAuditSink, type AuditDraft } from "./appender";
import { fromHex } from "./bytes";
import { verifySignedEvent } from "./event";
import { verifyConsistencyProof, verifyInclusionProof } from "./merkle-proof";
import { verifyTreeHeadSignature } from "./tree-head";
import { handleAuditApi } from "./http";
import { sealAuditLog } from "./seal";
import { leafOfEventHash } from "./tree-reader";
import type { TKeyRecord } from "./keys";

const kek = createKeyring({ current: { kid: "test", key: randomBytes(32) } });
const sink = createPostgresAuditSink(getTestDb(), { kek });
afterAll(() => sink.close());

const draft = (orgId: string, n: number): AuditDraft => ({
  orgId, requestId: `req_${n}`, ts: new Date(), agent: null, upstream: "openai", decision: "ALLOW", stage: null,
  ruleIds: [], findings: [], latencyUs: n, flight: null,
});

async function call(orgId: string, path: string, method = "GET") {
  const res = await handleAuditApi(new Request(`http://aegis.test${path}`, { method }), { orgId, requestId: "req_test" }, getTestDb());
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe("handleAuditApi", () => {
  it("serves keys, receipts with inclusion proofs and consistency proofs that verify", async () => {
    const { orgId } = await createTestOrg();
    for (let i = 1; i <= 40; i++) await sink.append(draft(orgId, i));

    const unsealed = await call(orgId, "/v1/audit/receipts/req_7");
    expect(unsealed.status).toBe(404);
    expect(unsealed.body.error).toMatchObject({ code: "NOT_FOUND", reason: "not_sealed", seq: 7, request_id: "req_test" });
    const unknown = await call(orgId, "/v1/audit/receipts/nope");
    expect(unknown.body.error).toMatchObject({ code: "NOT_FOUND", reason: "unknown_request" });

    expect((await sealAuditLog(getTestDb(), orgId, { kek })).status).toBe("sealed");
    const keys = await call(orgId, "/v1/audit/keys");
    expect(keys.status).toBe(200);
    const key = (keys.body.keys as TKeyRecord[])[0];
    if (!key) throw new Error("no key");
    expect(key).toMatchObject({ org: orgId, alg: "ed25519", valid_until: null });
    const publicKey = fromHex(key.public_key, 32);

    const receipt = await call(orgId, "/v1/audit/receipts/req_7");
    expect(receipt.status).toBe(200);
    const { event, tree_head, inclusion_proof } = receipt.body;
    expect(verifySignedEvent(event, publicKey)).toBe(true);
    expect(verifyTreeHeadSignature(tree_head, publicKey)).toBe(true);
    expect(inclusion_proof).toMatchObject({ leaf_index: 6, tree_size: 40, root_hash: tree_head.tree_head.root_hash });
    expect(verifyInclusionProof(inclusion_proof, leafOfEventHash(event.hash))).toBe(true);

    for (let i = 41; i <= 75; i++) await sink.append(draft(orgId, i));
    expect((await sealAuditLog(getTestDb(), orgId, { kek })).status).toBe("sealed");
    expect((await sealAuditLog(getTestDb(), orgId, { kek })).status).toBe("unchanged");
    const consistency = await call(orgId, "/v1/audit/consistency?from=40&to=75");
    expect(consistency.status).toBe(200);
    const c = consistency.body;
    expect(c.second_tree_head.tree_head.prev_head_hash).toBe(c.first_tree_head.hash);
    expect(verifyConsistencyProof(c as never, c.first_tree_head.tree_head.root_hash, c.second_tree_head.tree_head.root_hash)).toBe(true);
  });

  it("answers bad input with 4xx JSON errors, never 500", async () => {
    const { orgId } = await createTestOrg();
    const cases: [string, string, number][] = [
      ["/v1/audit/consistency?from=abc&to=3", "GET", 400],
      ["/v1/audit/consistency?from=5", "GET", 400],
      ["/v1/audit/consistency?from=9&to=3", "GET", 400],
      ["/v1/audit/consistency?from=-1&to=3", "GET", 400],
      ["/v1/audit/consistency?from=99999999999999999999&to=3", "GET", 400],
      ["/v1/audit/consistency?from=1&to=2", "GET", 404],
      ["/v1/audit/receipts/%E0%A4%A", "GET", 400],
      ["/v1/audit/receipts/" + "x".repeat(600), "GET", 400],
      ["/v1/audit/nothing", "GET", 404],
      ["/v1/audit/keys", "POST", 405],
    ];
    for (const [path, method, status] of cases) {
      const res = await call(orgId, path, method);
      expect([path, res.status]).toEqual([path, status]);
      expect(res.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String), request_id: "req_test" });
    }
    expect((await call(orgId, "/v1/audit/keys")).body).toEqual({ keys: [] });
  });
});
