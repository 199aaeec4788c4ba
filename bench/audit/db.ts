/**
 * Database-backed audit benches (the targets, end to end through PostgreSQL):
 *   npx tsx bench/audit/db.ts [--events 1000000] [--append 50000] [--concurrency 1024] [--skip-export] [--range-last 100000]
 *
 * 1. append: the PostgreSQL sink, one org, concurrent appenders (target >= 5,000/s).
 * 2. seal: Merkle root over N stored events + signed tree head, cold cache (target 1M < 10 s).
 * 3. export N events from the database to JSON Lines (the CLI's writer).
 * 4. verify that export with the CLI's verifier (target 1M < 20 s, "uncovered" mode).
 * 5. with --range-last N: the generated tree heads (every 1,000 events) are loaded too
 *    and the seal is skipped; a range export of the last N events (`aegis audit export
 *    --from`, anchor from a cold then a warm chunk cache) is written and verified.
 *
 * Steps 2-4 load the N signed events of the core bench's generated export
 * (bench/audit/generate-export.ts, cached in the OS temp dir) into a fresh database.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createKeyring } from "@/server/crypto/envelope";
import { writeExportFromDb } from "@/server/audit/export-db";
import { verifyExportStream } from "@/server/audit/export-verify";
import { splitLines } from "@/server/audit/lines";
import { sealAuditLog } from "@/server/audit/seal";
import { clearTreeCache } from "@/server/audit/tree-reader";
import { newId } from "@/server/db/ids";
import { createPgPool } from "@/server/db/pg-pool";
import { benchAppend } from "./append";
import { createBenchDb, type TBenchDb } from "./bench-db";
import { generateExport } from "./generate-export";
import { TABLE_HEADER, machine, measureAsync, row, type TMeasurement } from "./measure";

const args = process.argv.slice(2);
const numberArg = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const EVENTS = numberArg("--events", 1_000_000);
const APPEND = numberArg("--append", 50_000);
const CONCURRENCY = numberArg("--concurrency", 1024);
const RANGE_LAST = numberArg("--range-last", 0);
const rows: string[] = [];
const report = (m: TMeasurement, target?: string) => {
  rows.push(row(m, target));
  console.error(rows[rows.length - 1]);
};

/** Loads a generated export's events and keys into the database under a new org id. */
async function loadExport(bench: TBenchDb, file: string, orgId: string, withHeads: boolean): Promise<number> {
  let batch: unknown[] = [];
  let count = 0;
  let last = "";
  const flush = async () => {
    if (batch.length === 0) return;
    await bench.db.$executeRaw`
      INSERT INTO "AuditEvent" ("id", "orgId", "seq", "ts", "requestId", "decision", "agent", "upstream", "body", "hash", "prevHash", "signature", "keyId")
      SELECT r->>'id', ${orgId}, (r->'body'->>'seq')::bigint, (r->'body'->>'ts')::timestamp(3), r->'body'->>'request_id', r->'body'->>'decision',
        r->'body'->>'agent', r->'body'->>'upstream', r->'body', r->>'hash', r->'body'->>'prev_hash', r->>'signature', r->>'key_id'
      FROM jsonb_array_elements(${JSON.stringify(batch)}::jsonb) AS r`;
    batch = [];
  };
  for await (const line of splitLines(fs.createReadStream(file, { highWaterMark: 1 << 20 }))) {
    // The generated file's org is replaced by the bench org; hashes and signatures are
    // untouched, so they stay valid only because the loader also rewrites nothing else:
    // the export below re-emits the original org, see exportOrg.
    const rec = JSON.parse(line) as {
      type: string; event?: Record<string, unknown>; hash?: string; signature?: string; key_id?: string; key?: Record<string, unknown>;
      tree_head?: { tree_size: number; root_hash: string; prev_head_hash: string };
    };
    if (withHeads && rec.type === "tree_head" && rec.tree_head) {
      const h = rec.tree_head;
      await bench.db.treeHead.create({
        data: { id: newId("sth"), orgId, treeSize: BigInt(h.tree_size), rootHash: h.root_hash, prevHash: h.prev_head_hash, body: h, signature: String(rec.signature), keyId: String(rec.key_id) },
      });
    }
    if (rec.type === "key" && rec.key) {
      await bench.db.signingKey.create({
        data: {
          id: newId("sk"), orgId, keyId: String(rec.key.key_id), publicKey: String(rec.key.public_key), secretCipher: "bench:no-secret",
          validFrom: new Date(String(rec.key.valid_from)), validUntil: new Date(rec.key.valid_until ? String(rec.key.valid_until) : "2026-01-01T00:00:00.000Z"),
        },
      });
    }
    if (rec.type !== "event" || !rec.event) continue;
    batch.push({ id: newId("aev"), body: rec.event, hash: rec.hash, signature: rec.signature, key_id: rec.key_id });
    last = rec.hash ?? "";
    if (++count % 10_000 === 0) await flush();
  }
  await flush();
  await bench.db.$executeRaw`INSERT INTO "AuditHead" ("orgId", "seq", "hash", "updatedAt") VALUES (${orgId}, ${BigInt(count)}, ${last}, now())`;
  return count;
}

/** `aegis audit export --from` over the last `last` of `events`, then verify, as the CLI does. */
async function benchRange(bench: TBenchDb, events: number, last: number): Promise<void> {
  const first = await bench.db.auditEvent.findFirst({ where: { orgId: "org_bench", seq: BigInt(events - last + 1) }, select: { ts: true } });
  if (!first) throw new Error("no such event");
  const out = path.join(os.tmpdir(), `aegis-audit-db-range-${process.pid}.jsonl`);
  const pool = createPgPool(bench.url, 2);
  const exportRange = async () => {
    const stream = fs.createWriteStream(out);
    const s = await writeExportFromDb(bench.db, "org_bench", (chunk) => new Promise((resolve, reject) => stream.write(chunk, (e) => (e ? reject(e) : resolve()))), { from: first.ts, pool });
    await new Promise<void>((resolve) => stream.end(resolve));
    if (s.events !== last || s.anchor?.tree_size !== events - last) throw new Error(`unexpected range ${JSON.stringify(s)}`);
  };
  try {
    clearTreeCache();
    report(await measureAsync(`export --from: last ${last.toLocaleString("en-US")} of ${events.toLocaleString("en-US")}, cold chunk cache (anchor reads ${(events - last).toLocaleString("en-US")} stored hashes)`, last, exportRange));
    report(await measureAsync("same, warm chunk cache (second export in the process)", last, exportRange));
    console.error(`range export: ${(fs.statSync(out).size / 1e6).toFixed(1)} MB`);
    const verify = (mode: "every" | "uncovered") => async () => {
      const r = await verifyExportStream(splitLines(fs.createReadStream(out, { highWaterMark: 1 << 20 })), { eventSignatures: mode, parallelSignatures: true });
      if (!r.ok || r.anchor?.authenticatedBy === null || r.events !== last) throw new Error(`verify failed: ${JSON.stringify(r)}`);
    };
    report(await measureAsync(`verify the range, "uncovered" (frontier authenticated by the first head in range)`, last, verify("uncovered")));
    report(await measureAsync(`verify the range, "every" (CLI default, threadpool signatures)`, last, verify("every")));
  } finally {
    fs.rmSync(out, { force: true });
    await pool.end().catch(() => undefined);
  }
}

async function main() {
  console.error(`machine: ${machine()}`);
  if (APPEND > 0) {
    const cpu0 = process.cpuUsage();
    const a = await benchAppend(APPEND, CONCURRENCY);
    const cpu = process.cpuUsage(cpu0);
    report({ name: `append, 1 org, ${CONCURRENCY} concurrent appenders (avg batch ${a.avgBatch}, p50 ${a.p50Ms.toFixed(0)} ms, p99 ${a.p99Ms.toFixed(0)} ms)`, n: a.events, wallMs: a.seconds * 1000, cpuMs: a.cpuSeconds * 1000 }, ">= 5,000/s");
    void cpu;
  }
  if (EVENTS > 0) {
    const file = path.join(os.tmpdir(), `aegis-audit-bench-${EVENTS}.jsonl`);
    if (!fs.existsSync(file)) await generateExport(file, EVENTS);
    const bench = await createBenchDb();
    try {
      // The generated events name org "org_bench"; the database org must have that id.
      await bench.db.organization.create({ data: { id: "org_bench", name: "bench", slug: `bench-${randomBytes(3).toString("hex")}` } });
      let loaded = 0;
      report(await measureAsync(`load generated events${RANGE_LAST > 0 ? " and tree heads" : ""} into PostgreSQL (setup)`, EVENTS, async () => void (loaded = await loadExport(bench, file, "org_bench", RANGE_LAST > 0))));
      if (loaded !== EVENTS) throw new Error(`loaded ${loaded} events, expected ${EVENTS}`);
      const kek = createKeyring({ current: { kid: "bench", key: randomBytes(32) } });
      clearTreeCache();
      // With the generated heads loaded the log is already sealed.
      if (RANGE_LAST === 0) report(await measureAsync("seal: Merkle root over stored events + signed tree head (cold)", EVENTS, async () => {
        const r = await sealAuditLog(bench.db, "org_bench", { kek, pool: createPgPool(bench.url, 2) });
        if (r.status !== "sealed") throw new Error("not sealed");
      }), "1M < 10 s");
      if (RANGE_LAST > 0) await benchRange(bench, EVENTS, RANGE_LAST);
      const out = path.join(os.tmpdir(), `aegis-audit-db-export-${process.pid}.jsonl`);
      if (!args.includes("--skip-export")) try {
        report(await measureAsync("export from PostgreSQL to JSON Lines", EVENTS, async () => {
          const stream = fs.createWriteStream(out);
          await writeExportFromDb(bench.db, "org_bench", (chunk) => new Promise((resolve, reject) => stream.write(chunk, (e) => (e ? reject(e) : resolve()))));
          await new Promise<void>((resolve) => stream.end(resolve));
        }));
        report(await measureAsync(`verify that export ("uncovered", as \`aegis audit verify --signatures uncovered\`)`, EVENTS, async () => {
          const r = await verifyExportStream(splitLines(fs.createReadStream(out, { highWaterMark: 1 << 20 })), { eventSignatures: "uncovered" });
          if (!r.ok) throw new Error(`verify failed: ${JSON.stringify(r)}`);
        }), "1M < 20 s");
      } finally {
        fs.rmSync(out, { force: true });
      }
    } finally {
      await bench.drop();
    }
  }
  console.log(`Machine: ${machine()}\n\n${TABLE_HEADER}\n${rows.join("\n")}`);
}

await main();
