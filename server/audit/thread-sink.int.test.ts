import { afterAll, describe, expect, it } from "vitest";
import { forOrg } from "@/server/db/scoped";
import { createTestOrg, getTestDb, testDatabaseUrl } from "@/server/testing/db";
import { createPgPool } from "@/server/db/pg-pool";
import { getKeyring } from "@/server/secrets/keyring";
import { createPostgresAuditSink, type AuditSink } from "./appender";
import { draft } from "./testing/drafts";
import { serializeExport } from "./export";
import { verifyExport } from "./export-verify";
import { listKeyRecords } from "./signing-keys";
import { listTreeHeads, streamSignedEvents } from "./store";
import type { TSignedAuditEvent } from "./event";
import { createThreadAuditSink } from "./thread-sink";

async function verifyChain(orgId: string, toSeq: number) {
  const db = getTestDb();
  const events: TSignedAuditEvent[] = [];
  for await (const e of streamSignedEvents(db, orgId, { toSeq })) events.push(e);
  return verifyExport(serializeExport({ org: orgId, exportedAt: new Date().toISOString(), keys: await listKeyRecords(db, orgId), events, treeHeads: await listTreeHeads(db, orgId, toSeq) }));
}

describe("createThreadAuditSink: the appender on a worker thread", () => {
  const sinks: AuditSink[] = [];
  afterAll(async () => Promise.all(sinks.map((s) => s.close())));
  const open = () => {
    getTestDb(); // publishes DATABASE_URL and AEGIS_KEK, which the worker inherits
    const sink = createThreadAuditSink({ databaseUrl: testDatabaseUrl(), poolSize: 2 });
    sinks.push(sink);
    return sink;
  };

  it("acknowledges each append with its committed seq and hash, in a gapless chain per org", async () => {
    const [a, b] = [await createTestOrg(), await createTestOrg()];
    const sink = open();
    const acks = await Promise.all(Array.from({ length: 400 }, (_, i) => sink.append(draft(i % 2 ? a.orgId : b.orgId, i + 1))));
    for (const org of [a, b]) {
      const mine = acks.filter((_, i) => (i % 2 ? a.orgId : b.orgId) === org.orgId);
      expect(mine.map((x) => x.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      const stored = await forOrg(getTestDb(), org.orgId).auditEvent.findMany({ where: { orgId: org.orgId }, select: { seq: true, hash: true } });
      // The acknowledgement is what was committed: same hash for the same seq.
      const bySeq = new Map(stored.map((r) => [Number(r.seq), r.hash]));
      for (const ack of mine) expect(bySeq.get(ack.seq)).toBe(ack.hash);
      expect(await verifyChain(org.orgId, 200)).toMatchObject({ ok: true, events: 200 });
    }
    const flight = await forOrg(getTestDb(), b.orgId).auditEvent.findFirst({ where: { orgId: b.orgId, requestId: "req_5" } }); // i = 4 went to b
    expect(flight?.flight).toEqual({ n: 5 });
    expect(flight?.ts).toBeInstanceOf(Date);
  });

  it("shares the chain with an in-thread sink of the same org (two writers)", async () => {
    const { orgId } = await createTestOrg();
    const thread = open();
    const local = createPostgresAuditSink(getTestDb(), { kek: getKeyring(), pool: createPgPool(testDatabaseUrl(), 2) });
    sinks.push(local);
    const acks = await Promise.all(Array.from({ length: 120 }, (_, i) => (i % 3 ? thread : local).append(draft(orgId, i + 1))));
    expect(acks.map((x) => x.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(await verifyChain(orgId, 120)).toMatchObject({ ok: true, events: 120 });
  });

  it("rejects an invalid draft with the appender's reason, and the others of its turn still commit", async () => {
    const { orgId } = await createTestOrg();
    const sink = open();
    const [bad, good] = await Promise.allSettled([sink.append(draft(orgId, 1, { decision: "allow" })), sink.append(draft(orgId, 2))]);
    expect(bad).toMatchObject({ status: "rejected", reason: { message: expect.stringContaining("invalid audit draft") } });
    expect(good).toMatchObject({ status: "fulfilled", value: { seq: 1 } });
  });

  it("fails closed: with the database unreachable every append rejects, none hangs", async () => {
    const { orgId } = await createTestOrg();
    getTestDb();
    const sink = createThreadAuditSink({ databaseUrl: "postgresql://postgres@127.0.0.1:1/nowhere", poolSize: 1 });
    sinks.push(sink);
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => sink.append(draft(orgId, i + 1))));
    expect(results.every((r) => r.status === "rejected")).toBe(true);
  });

  it("fails closed when the thread cannot start (no KEK): appends reject, and the next one tries a new thread", async () => {
    const { orgId } = await createTestOrg();
    const kek = process.env.AEGIS_KEK;
    delete process.env.AEGIS_KEK; // the worker copies the environment when it starts
    let sink: AuditSink;
    try {
      sink = createThreadAuditSink({ databaseUrl: testDatabaseUrl(), poolSize: 1 });
    } finally {
      process.env.AEGIS_KEK = kek;
    }
    sinks.push(sink);
    await expect(sink.append(draft(orgId, 1))).rejects.toThrow(/audit thread/);
    // A new thread starts with the restored environment and commits.
    await expect(sink.append(draft(orgId, 2))).resolves.toMatchObject({ seq: 1 });
  });

  it("commits what was appended before close, and refuses appends after it", async () => {
    const { orgId } = await createTestOrg();
    const sink = open();
    const pending = Array.from({ length: 50 }, (_, i) => sink.append(draft(orgId, i + 1)));
    await sink.close();
    const acks = await Promise.all(pending);
    expect(acks.map((x) => x.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    await expect(sink.append(draft(orgId, 51))).rejects.toThrow(/closed/);
  });
});
