/**
 * Kills an appending process (SIGKILL, no chance to flush anything) under load and
 * proves the durability contract: every acknowledged request_id has its event, seq
 * has no gap, nothing is written twice, and the chain still verifies — then a new
 * process continues the same chain.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createKeyring } from "@/server/crypto/envelope";
import { createTestOrg, getTestDb, testDatabaseUrl } from "@/server/testing/db";
import { createPostgresAuditSink } from "./appender";
import { serializeExport } from "./export";
import { verifyExport } from "./export-verify";
import { listKeyRecords } from "./signing-keys";
import { streamSignedEvents } from "./store";
import type { TSignedAuditEvent } from "./event";

const ROOT = path.resolve(__dirname, "../..");

function runUntilKilled(args: string[], killAfterAcks: number): Promise<{ acked: string[]; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "server/audit/testing/append-loop.ts", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    const acked: string[] = [];
    let carry = "";
    let stderr = "";
    let killed = false;
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      const parts = (carry + chunk).split("\n");
      carry = parts.pop() ?? "";
      acked.push(...parts.filter(Boolean));
      if (!killed && acked.length >= killAfterAcks) {
        killed = true;
        child.kill("SIGKILL");
      }
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (!killed) reject(new Error(`append-loop exited early (code ${code}): ${stderr}`));
      else resolve({ acked, signal });
    });
  });
}

describe("audit durability under SIGKILL", () => {
  it.each(["in-process", "thread"])("keeps every acknowledged event, exactly once, in a gapless verifiable chain (%s appender)", async (mode) => {
    const { orgId } = await createTestOrg();
    const kekBase64 = randomBytes(32).toString("base64");
    const { acked, signal } = await runUntilKilled([testDatabaseUrl(), orgId, kekBase64, "48", mode], 1500);
    expect(signal).toBe("SIGKILL");
    expect(acked.length).toBeGreaterThanOrEqual(1500);

    const db = getTestDb();
    const rows = await db.$queryRaw<{ seq: bigint; requestId: string }[]>`SELECT "seq", "requestId" FROM "AuditEvent" WHERE "orgId" = ${orgId} ORDER BY "seq"`;
    const seqs = rows.map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1)); // no gap
    const ids = rows.map((r) => r.requestId);
    expect(new Set(ids).size).toBe(ids.length); // nothing twice
    const stored = new Set(ids);
    expect(acked.filter((id) => !stored.has(id))).toEqual([]); // every ack is durable
    const head = await db.$queryRaw<{ seq: bigint; hash: string }[]>`SELECT "seq", "hash" FROM "AuditHead" WHERE "orgId" = ${orgId}`;
    expect(Number(head[0]?.seq)).toBe(rows.length);

    // A new process picks up the same chain after the crash.
    const sink = createPostgresAuditSink(db, { kek: createKeyring({ current: { kid: "crash", key: Buffer.from(kekBase64, "base64") } }) });
    const next = await sink.append({ orgId, requestId: "after-crash", ts: new Date(), agent: null, upstream: "openai", decision: "ALLOW", stage: null, ruleIds: [], findings: [], latencyUs: 1, flight: null });
    await sink.close();
    expect(next.seq).toBe(rows.length + 1);

    const events: TSignedAuditEvent[] = [];
    for await (const e of streamSignedEvents(db, orgId, { toSeq: next.seq })) events.push(e);
    const result = verifyExport(serializeExport({ org: orgId, exportedAt: new Date().toISOString(), keys: await listKeyRecords(db, orgId), events, treeHeads: [] }));
    expect(result).toMatchObject({ ok: true, events: next.seq, keys: 1 });
  }, 120_000);
});
