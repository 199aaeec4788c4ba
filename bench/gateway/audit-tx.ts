/**
 * What one audit group-commit transaction costs through Prisma's interactive
 * $transaction versus a plain pg client, with the appender's statement shapes
 * (head upsert, head FOR UPDATE, unnest insert of N events, head update):
 * `npx tsx bench/gateway/audit-tx.ts [batch]`. Uses a throw-away database.
 */
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/server/db/generated/client";
import { createPgPool } from "@/server/db/pg-pool";
import { createBenchDatabase, tempDir } from "./processes";

const db = await createBenchDatabase(tempDir());
const url = db.url;
const prisma = new PrismaClient({ adapter: new PrismaPg(createPgPool(url, 5)) });
const raw = new pg.Pool({ connectionString: url, max: 5 });
await raw.query(`CREATE TABLE IF NOT EXISTS probe_head (org text primary key, seq bigint, hash text)`);
await raw.query(`CREATE TABLE IF NOT EXISTS probe_ev (id text primary key, org text, seq bigint, body jsonb, flight jsonb)`);
await raw.query(`INSERT INTO probe_head VALUES ('o', 0, 'x') ON CONFLICT DO NOTHING`);
const BATCH = Number(process.argv[2] ?? 8);
const body = JSON.stringify({ org: "org_x", seq: 1, ts: new Date().toISOString(), request_id: crypto.randomUUID(), agent: null, decision: "ALLOW", stage: "decide", rule_ids: [], findings: [], latency_us: 1234, prev_hash: "a".repeat(64), upstream: "api", hash: "b".repeat(64), signature: "c".repeat(128) });
const flight = JSON.stringify({ stages: Array.from({ length: 8 }, (_, i) => ({ stage: "s" + i, outcome: "continue", us: 100 })), degraded: [], risk: 0, method: "GET", path: "/items", reasons: [] });
let id = 0;
const rows = () => { const ids: string[] = [], seqs: string[] = [], bodies: string[] = [], flights: string[] = []; for (let i = 0; i < BATCH; i++) { ids.push("e" + id++); seqs.push(String(id)); bodies.push(body); flights.push(flight); } return { ids, seqs, bodies, flights }; };
async function viaPrisma() {
  const r = rows();
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`INSERT INTO probe_head VALUES ('o', 0, 'x') ON CONFLICT DO NOTHING`;
    await tx.$queryRaw`SELECT seq, hash FROM probe_head WHERE org = 'o' FOR UPDATE`;
    await tx.$executeRaw`INSERT INTO probe_ev SELECT u.id, 'o', u.seq, u.body::jsonb, u.flight::jsonb FROM unnest(${r.ids}::text[], ${r.seqs}::bigint[], ${r.bodies}::text[], ${r.flights}::text[]) AS u(id, seq, body, flight)`;
    await tx.$executeRaw`UPDATE probe_head SET seq = seq + 1 WHERE org = 'o'`;
  });
}
async function viaPg() {
  const r = rows();
  const c = await raw.connect();
  try {
    await c.query("BEGIN");
    await c.query(`INSERT INTO probe_head VALUES ('o', 0, 'x') ON CONFLICT DO NOTHING`);
    await c.query(`SELECT seq, hash FROM probe_head WHERE org = 'o' FOR UPDATE`);
    await c.query(`INSERT INTO probe_ev SELECT u.id, 'o', u.seq, u.body::jsonb, u.flight::jsonb FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[]) AS u(id, seq, body, flight)`, [r.ids, r.seqs, r.bodies, r.flights]);
    await c.query(`UPDATE probe_head SET seq = seq + 1 WHERE org = 'o'`);
    await c.query("COMMIT");
  } finally { c.release(); }
}
async function time(label: string, fn: () => Promise<void>, n = 150) {
  for (let i = 0; i < 20; i++) await fn();
  const c0 = process.cpuUsage(); const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const c = process.cpuUsage(c0);
  console.log(label.padEnd(24), "batch", BATCH, "cpu/tx", ((c.user + c.system) / n / 1000).toFixed(2), "ms", "wall/tx", ((performance.now() - t0) / n).toFixed(2), "ms");
}
for (let k = 0; k < 2; k++) { await time("prisma $transaction", viaPrisma); await time("raw pg", viaPg); }
await prisma.$disconnect();
await raw.end();
const { endAllPools } = await import("@/server/db/pg-pool");
await endAllPools();
await db.drop();
process.exit(0);
