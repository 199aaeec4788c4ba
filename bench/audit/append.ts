/**
 * Append throughput of the PostgreSQL audit sink for ONE org with many concurrent
 * appenders (the gateway's shape): `npx tsx bench/audit/append.ts [--events 50000] [--concurrency 1024]`.
 * Target: >= 5,000 events/s. Each append resolves only after its COMMIT.
 */
import { randomBytes } from "node:crypto";
import { createKeyring } from "@/server/crypto/envelope";
import { createPostgresAuditSink, type AuditDraft, type TAuditBatchStats } from "@/server/audit/appender";
import { createPgPool } from "@/server/db/pg-pool";
import { createBenchDb } from "./bench-db";

const args = process.argv.slice(2);
const numberArg = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};

export type TAppendBench = {
  events: number; concurrency: number; seconds: number; perSecond: number; cpuSeconds: number; perCpuSecond: number;
  p50Ms: number; p99Ms: number; batches: number; avgBatch: number; avgMs: { lock: number; seal: number; write: number; total: number };
};

export async function benchAppend(events: number, concurrency: number, usePool = true): Promise<TAppendBench> {
  const bench = await createBenchDb();
  try {
    const batches: TAuditBatchStats[] = [];
    const sink = createPostgresAuditSink(bench.db, { kek: createKeyring({ current: { kid: "bench", key: randomBytes(32) } }), onBatch: (b) => batches.push(b), ...(usePool ? { pool: createPgPool(bench.url, 4) } : {}) });
    const draft = (n: number): AuditDraft => ({
      orgId: bench.orgId, requestId: `req_${n}`, ts: new Date(), agent: "bench-agent", upstream: "openai",
      decision: n % 10 === 0 ? "BLOCK" : "ALLOW", stage: n % 10 === 0 ? "inspection" : null, ruleIds: n % 10 === 0 ? ["pii.email"] : [],
      findings: n % 10 === 0 ? [{ category: "pii", rule_id: "pii.email", score: 75, location: "body" }] : [],
      latencyUs: 900 + (n % 500), flight: { stages: [{ name: "inspection", us: 120 }] },
    });
    await sink.append(draft(0)); // key creation and connection warm-up
    batches.length = 0;
    const cpu0 = process.cpuUsage();
    const latencies: number[] = [];
    let next = 1;
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next <= events) {
        const n = next++;
        const t = performance.now();
        await sink.append(draft(n));
        latencies.push(performance.now() - t);
      }
    }));
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const avg = (f: (b: TAuditBatchStats) => number) => Math.round((batches.reduce((a, b) => a + f(b), 0) / Math.max(1, batches.length)) * 10) / 10;
    await sink.close();
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
    return {
      events, concurrency, seconds, perSecond: events / seconds, cpuSeconds, perCpuSecond: events / cpuSeconds, p50Ms: pct(0.5), p99Ms: pct(0.99),
      batches: batches.length, avgBatch: avg((b) => b.size),
      avgMs: { lock: avg((b) => b.lockMs), seal: avg((b) => b.sealMs), write: avg((b) => b.writeMs), total: avg((b) => b.totalMs) },
    };
  } finally {
    await bench.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchAppend(numberArg("--events", 50_000), numberArg("--concurrency", 1024), !args.includes("--prisma"));
  console.log(JSON.stringify(r));
}
