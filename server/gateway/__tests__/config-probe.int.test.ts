import { describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "@/server/auth/api-keys";
import { createPgPool } from "@/server/db/pg-pool";
import { forOrg } from "@/server/db/scoped";
import { hashApiKey } from "@/server/auth/api-key-format";
import { loadKeyRecord, loadKeyRecordSql, loadOrgSnapshot, markKeysUsed, orgVersionProbe } from "@/server/gateway/config-cache";
import { setKillSwitch } from "@/server/killswitch/killswitch";
import { getKeyring } from "@/server/secrets/keyring";
import { createTestOrg, getTestDb, testDatabaseUrl } from "@/server/testing/db";

describe("plain-SQL configuration reads", () => {
  it("loadKeyRecordSql answers what loadKeyRecord answers: unknown, live, expiring, revoked", async () => {
    const db = getTestDb();
    const pool = createPgPool(testDatabaseUrl(), 1);
    const { orgId } = await createTestOrg();
    const sdb = forOrg(db, orgId);
    const expiresAt = new Date(Date.now() + 86_400_000 + 123);
    const live = await createApiKey(sdb, { orgId, actorId: null, name: "live" });
    const expiring = await createApiKey(sdb, { orgId, actorId: null, name: "expiring", expiresAt });
    for (const key of [live.apiKey, expiring.apiKey, "aegis_doesnotexist"]) {
      expect(await loadKeyRecordSql(pool, hashApiKey(key))).toEqual(await loadKeyRecord(db, hashApiKey(key)));
    }
    expect((await loadKeyRecordSql(pool, hashApiKey(expiring.apiKey)))?.expiresAt).toBe(expiresAt.getTime());
    await revokeApiKey(sdb, { orgId, actorId: null, keyId: live.id });
    expect(await loadKeyRecordSql(pool, hashApiKey(live.apiKey))).toMatchObject({ revoked: true, orgId });
    expect(await loadKeyRecordSql(pool, hashApiKey(live.apiKey))).toEqual(await loadKeyRecord(db, hashApiKey(live.apiKey)));
    await pool.end();
  });

  it("the org probe says current until a cached setting changes", async () => {
    const db = getTestDb();
    const pool = createPgPool(testDatabaseUrl(), 1);
    const probe = orgVersionProbe(pool);
    const { orgId } = await createTestOrg();
    const snapshot = await loadOrgSnapshot(db, getKeyring(), orgId);
    expect(await probe(orgId, snapshot)).toBe(true);
    expect(await probe("org_missing", null)).toBe(true);
    await setKillSwitch(forOrg(db, orgId), { orgId, actor: "test", actorId: null, engaged: true });
    expect(await probe(orgId, snapshot)).toBe(false);
    expect(await probe(orgId, await loadOrgSnapshot(db, getKeyring(), orgId))).toBe(true);
    await pool.end();
  });

  it("markKeysUsed sets lastUsedAt (UTC) on exactly the keys given", async () => {
    const db = getTestDb();
    const pool = createPgPool(testDatabaseUrl(), 1);
    const { orgId } = await createTestOrg();
    const sdb = forOrg(db, orgId);
    const a = await createApiKey(sdb, { orgId, actorId: null, name: "a" });
    const b = await createApiKey(sdb, { orgId, actorId: null, name: "b" });
    const at = new Date("2026-03-04T05:06:07.089Z");
    await markKeysUsed(pool, [a.id], at);
    const rows = await sdb.apiKey.findMany({ where: { id: { in: [a.id, b.id] } }, select: { id: true, lastUsedAt: true } });
    expect(rows.find((r) => r.id === a.id)?.lastUsedAt?.toISOString()).toBe(at.toISOString());
    expect(rows.find((r) => r.id === b.id)?.lastUsedAt).toBeNull();
    await pool.end();
  });
});
