// Signing-key rotation (`aegis audit rotate-key`): the retired key keeps a validity period, new
// events and tree heads are signed with the new key, the whole history still verifies offline,
// and an appender that speculated on the old key re-seals instead of signing with it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishResolvedEnv } from "@/server/env";
import { forOrg } from "@/server/db/scoped";
import { createPgPool } from "@/server/db/pg-pool";
import { createTestOrg, getTestDb, testDatabaseUrl } from "@/server/testing/db";
import { runCliJson as cli } from "@/server/testing/cli";
import { getKeyring } from "@/server/secrets/keyring";
import { createPostgresAuditSink, type AuditSink } from "./appender";

let dir: string;
let sink: AuditSink;
const paths: string[] = [];

beforeAll(() => {
  getTestDb();
  publishResolvedEnv({ AEGIS_KEK: randomBytes(32).toString("base64"), AUTH_SECRET: randomBytes(24).toString("hex") });
  sink = createPostgresAuditSink(getTestDb(), { kek: getKeyring(), pool: createPgPool(testDatabaseUrl(), 2), onBatch: (b) => paths.push(b.path) });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "aegis-key-rotation-"));
});
afterAll(async () => {
  await sink.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const append = (orgId: string, n: number) =>
  sink.append({ orgId, requestId: `req_${n}`, ts: new Date(), agent: null, upstream: "api", decision: "ALLOW", stage: null, ruleIds: [], findings: [], latencyUs: 900, flight: null });

describe("aegis audit rotate-key", () => {
  it("retires the key at a boundary after the last event; old and new events verify together", async () => {
    const { orgId, orgSlug } = await createTestOrg();
    for (let i = 1; i <= 10; i++) await append(orgId, i);
    expect((await cli(["audit", "seal", "--org", orgSlug])).code).toBe(0);

    const rotated = await cli(["audit", "rotate-key", "--org", orgSlug]);
    expect(rotated).toMatchObject({ code: 0, out: { org: orgId, retired_key_id: expect.any(String), key_id: expect.any(String) } });
    const { retired_key_id: oldKey, key_id: newKey, valid_from: boundary } = rotated.out as { retired_key_id: string; key_id: string; valid_from: string };
    expect(newKey).not.toBe(oldKey);

    paths.length = 0;
    for (let i = 11; i <= 20; i++) await append(orgId, i);
    // The sink still remembered the old key: its first batch after the rotation re-sealed under the lock.
    expect(paths[0]).toBe("transaction");
    expect(await cli(["audit", "seal", "--org", orgSlug])).toMatchObject({ code: 0, out: { tree_size: 20 } });

    const db = forOrg(getTestDb(), orgId);
    const keys = await db.signingKey.findMany({ where: { orgId }, orderBy: { validFrom: "asc" } });
    expect(keys.map((k) => k.keyId)).toEqual([oldKey, newKey]);
    expect(keys[0]?.validUntil?.toISOString()).toBe(boundary);
    const events = await db.auditEvent.findMany({ where: { orgId }, orderBy: { seq: "asc" }, select: { seq: true, keyId: true, body: true } });
    for (const e of events) {
      const ts = (e.body as { ts: string }).ts;
      if (e.seq <= 10n) expect([e.keyId, ts < boundary]).toEqual([oldKey, true]);
      else expect([e.keyId, ts >= boundary]).toEqual([newKey, true]);
    }
    expect(await db.activityEvent.count({ where: { orgId, action: "audit.key_rotated", target: newKey } })).toBe(1);

    const file = path.join(dir, "rotated.jsonl");
    expect(await cli(["audit", "export", "--org", orgSlug, "--out", file])).toMatchObject({ code: 0, out: { events: 20, keys: 2, tree_heads: 2 } });
    expect(await cli(["audit", "verify", file])).toMatchObject({ code: 0, out: { ok: true, events: 20 } });
  });

  it("refuses an unknown org with a clear error", async () => {
    const r = await cli(["audit", "rotate-key", "--org", "no-such-org"]);
    expect(r.code).not.toBe(0);
  });
});
