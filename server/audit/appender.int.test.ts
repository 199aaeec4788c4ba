import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createKeyring } from "@/server/crypto/envelope";
import { forOrg } from "@/server/db/scoped";
import { createPgPool } from "@/server/db/pg-pool";
import { createTestOrg, getTestDb, testDatabaseUrl } from "@/server/testing/db";
import { createPostgresAuditSink, type TAuditBatchStats } from "./appender";
import { serializeExport } from "./export";
import { verifyExport } from "./export-verify";
import { listKeyRecords } from "./signing-keys";
import { listTreeHeads, streamSignedEvents } from "./store";
import type { TSignedAuditEvent } from "./event";
import { draft } from "./testing/drafts";

const kek = createKeyring({ current: { kid: "test", key: randomBytes(32) } });


async function exportText(orgId: string, toSeq: number): Promise<string> {
  const db = getTestDb();
  const events: TSignedAuditEvent[] = [];
  for await (const e of streamSignedEvents(db, orgId, { toSeq })) events.push(e);
  return serializeExport({ org: orgId, exportedAt: new Date().toISOString(), keys: await listKeyRecords(db, orgId), events, treeHeads: await listTreeHeads(db, orgId, toSeq) });
}

describe("createPostgresAuditSink", () => {
  const sinks: { close(): Promise<void> }[] = [];
  afterAll(async () => Promise.all(sinks.map((s) => s.close())));

  it.each(["prisma", "pg pool"])("group-commits concurrent appends into a gapless, verifiable chain (%s)", async (mode) => {
    const { orgId } = await createTestOrg();
    const org = { id: orgId };
    const pool = mode === "pg pool" ? createPgPool(testDatabaseUrl(), 4) : undefined;
    const sink = createPostgresAuditSink(getTestDb(), { kek, maxBatch: 64, pool });
    sinks.push(sink);
    const acks = await Promise.all(Array.from({ length: 300 }, (_, i) => sink.append(draft(org.id, i + 1))));
    const seqs = acks.map((a) => a.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    const db = forOrg(getTestDb(), org.id);
    expect(await db.auditEvent.count({ where: { orgId: org.id } })).toBe(300);
    const head = await db.auditHead.findFirst({ where: { orgId: org.id } });
    expect(Number(head?.seq)).toBe(300);
    const result = verifyExport(await exportText(org.id, 300));
    expect(result).toMatchObject({ ok: true, events: 300, keys: 1 });
    const blocked = await db.auditEvent.findFirst({ where: { orgId: org.id, requestId: "req_5" } });
    expect(blocked?.body).toMatchObject({ decision: "BLOCK", findings: { count: 1, types: ["pii"], max_severity: "high" } });
    expect(blocked?.flight).toEqual({ n: 5 });
  });

  it("shares one chain between two sinks (two processes) of the same org", async () => {
    const { orgId } = await createTestOrg();
    const org = { id: orgId };
    const a = createPostgresAuditSink(getTestDb(), { kek, pool: createPgPool(testDatabaseUrl(), 2) });
    const b = createPostgresAuditSink(getTestDb(), { kek });
    sinks.push(a, b);
    await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).append(draft(org.id, i + 1))));
    const result = verifyExport(await exportText(org.id, 200));
    expect(result).toMatchObject({ ok: true, events: 200, keys: 1 });
    expect(await forOrg(getTestDb(), org.id).signingKey.count({ where: { orgId: org.id } })).toBe(1);
  });

  it.each(["prisma", "pg pool"])("commits later batches in one statement on top of the head it last wrote (%s)", async (mode) => {
    const { orgId } = await createTestOrg();
    const batches: TAuditBatchStats[] = [];
    const pool = mode === "pg pool" ? createPgPool(testDatabaseUrl(), 2) : undefined;
    const sink = createPostgresAuditSink(getTestDb(), { kek, pool, onBatch: (b) => batches.push(b) });
    sinks.push(sink);
    // One at a time: every append drains the queue, so each is a batch of its own.
    for (let i = 1; i <= 6; i++) expect((await sink.append(draft(orgId, i))).seq).toBe(i);
    expect(batches.map((b) => b.path)).toEqual(["transaction", "speculative", "speculative", "speculative", "speculative", "speculative"]);
    expect(verifyExport(await exportText(orgId, 6))).toMatchObject({ ok: true, events: 6 });
  });

  it("falls back to the locked path when another process moved the head in between, without gaps or duplicates", async () => {
    const { orgId } = await createTestOrg();
    const paths: string[] = [];
    const a = createPostgresAuditSink(getTestDb(), { kek, pool: createPgPool(testDatabaseUrl(), 2), onBatch: (b) => paths.push(`a:${b.path}`) });
    const b = createPostgresAuditSink(getTestDb(), { kek, pool: createPgPool(testDatabaseUrl(), 2), onBatch: (b) => paths.push(`b:${b.path}`) });
    sinks.push(a, b);
    // Strict alternation: each sink's remembered head is always one event stale.
    for (let i = 1; i <= 8; i++) expect((await (i % 2 ? a : b).append(draft(orgId, i))).seq).toBe(i);
    expect(paths.slice(2)).toEqual(["a:transaction", "b:transaction", "a:transaction", "b:transaction", "a:transaction", "b:transaction"]);
    // Back to one writer: speculation succeeds again after one locked batch.
    for (let i = 9; i <= 11; i++) expect((await a.append(draft(orgId, i))).seq).toBe(i);
    expect(paths.slice(-3)).toEqual(["a:transaction", "a:speculative", "a:speculative"]);
    expect(verifyExport(await exportText(orgId, 11))).toMatchObject({ ok: true, events: 11 });
    expect(await forOrg(getTestDb(), orgId).auditEvent.count({ where: { orgId } })).toBe(11);
  });

  it("never signs a speculative batch with a key that stopped being current", async () => {
    const { orgId } = await createTestOrg();
    const paths: string[] = [];
    const sink = createPostgresAuditSink(getTestDb(), { kek, pool: createPgPool(testDatabaseUrl(), 2), onBatch: (b) => paths.push(b.path) });
    sinks.push(sink);
    await sink.append(draft(orgId, 1));
    await sink.append(draft(orgId, 2));
    // Another process retires the key (as a rotation does); the sink still remembers it.
    const db = forOrg(getTestDb(), orgId);
    await db.signingKey.updateMany({ where: { orgId, validUntil: null }, data: { validUntil: new Date() } });
    await sink.append(draft(orgId, 3));
    await sink.append(draft(orgId, 4));
    expect(paths).toEqual(["transaction", "speculative", "transaction", "speculative"]);
    const events = await db.auditEvent.findMany({ where: { orgId }, orderBy: { seq: "asc" }, select: { keyId: true } });
    expect(events[1]?.keyId).toBe(events[0]?.keyId);
    expect(events[2]?.keyId).not.toBe(events[1]?.keyId);
    expect(events[3]?.keyId).toBe(events[2]?.keyId);
    expect(verifyExport(await exportText(orgId, 4))).toMatchObject({ ok: true, events: 4, keys: 2 });
  });

  it("rejects invalid drafts without touching the chain, and a closed sink", async () => {
    const { orgId } = await createTestOrg();
    const org = { id: orgId };
    const sink = createPostgresAuditSink(getTestDb(), { kek });
    await expect(sink.append(draft(org.id, 1, { action: "rules.publish" }))).rejects.toThrow(/exactly one/);
    await expect(sink.append(draft(org.id, 1, { decision: "allow" }))).rejects.toThrow(/upper-case/);
    const ok = await sink.append(draft(org.id, 2, { upstream: undefined, action: "rules.publish" }));
    expect(ok.seq).toBe(1);
    await sink.close();
    await expect(sink.append(draft(org.id, 3))).rejects.toThrow(/closed/);
  });

  it("stores the signing secret encrypted and bound to the org", async () => {
    const { orgId } = await createTestOrg();
    const org = { id: orgId };
    const sink = createPostgresAuditSink(getTestDb(), { kek });
    sinks.push(sink);
    await sink.append(draft(org.id, 1));
    const key = await forOrg(getTestDb(), org.id).signingKey.findFirst({ where: { orgId: org.id } });
    expect(key?.secretCipher.startsWith("v1.test.")).toBe(true);
    expect(() => kek.decrypt(key?.secretCipher ?? "", `org:other/audit-signing-key:${key?.keyId}`)).toThrow();
  });
});

describe("createPostgresAuditSink with hostile strings", () => {
  it("stores NUL and lone surrogates without failing the batch, and the chain still verifies", async () => {
    const { orgId } = await createTestOrg();
    const sink = createPostgresAuditSink(getTestDb(), { kek });
    const results = await Promise.all([
      sink.append(draft(orgId, 1, { requestId: "nul\u0000id", agent: "bad\uD800agent", flight: { note: "x\u0000y\uDC00" } })),
      sink.append(draft(orgId, 2, { requestId: "back\\u0000slash" })),
      sink.append(draft(orgId, 3)),
    ]);
    await sink.close();
    expect(results.map((r) => r.seq).sort()).toEqual([1, 2, 3]);
    expect(verifyExport(await exportText(orgId, 3))).toMatchObject({ ok: true, events: 3 });
    const row = await forOrg(getTestDb(), orgId).auditEvent.findFirst({ where: { orgId, seq: BigInt(results[0]?.seq ?? 0) } });
    expect(row?.requestId).toBe("nul\uFFFDid");
  });
});
