/**
 * Where the gateway's CPU goes, without HTTP on the client side:
 * `npx tsx bench/gateway/breakdown.ts [--requests 4000] [--concurrency 16] [--profile] [--only TEXT]`.
 * Calls gateway.handle() in-process with the real dependencies (fresh database,
 * real upstream process), then again with parts replaced by no-ops, and prints
 * CPU µs per request for each variant (all threads, and the main thread alone). The differences
 * are the parts' costs.
 * --profile writes a .cpuprofile of every variant to the OS temp dir; --only TEXT runs the variants whose label contains TEXT.
 */
import { Session } from "node:inspector/promises";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { randomBytes } from "node:crypto";
import { createBenchDatabase, killChildren, mainThreadCpuSeconds, startChild, tempDir } from "./processes";

const { values: flags } = parseArgs({ options: { requests: { type: "string", default: "4000" }, concurrency: { type: "string", default: "16" }, profile: { type: "boolean", default: false }, only: { type: "string" } } });
const N = Number(flags.requests);
const CONC = Number(flags.concurrency);

const tmp = tempDir();
const db = await createBenchDatabase(tmp);
process.env.DATABASE_URL = db.url;
process.env.AEGIS_KEK = randomBytes(32).toString("base64");
process.env.LOG_LEVEL = "warn";
const { publishResolvedEnv } = await import("@/server/env");
publishResolvedEnv({});
const upstream = await startChild(["bench/gateway/upstream.mjs"], process.env, path.join(tmp, "upstream.log"));

const { getDb } = await import("@/server/db/client");
const { forOrg } = await import("@/server/db/scoped");
const { getKeyring } = await import("@/server/secrets/keyring");
const { createOrganizationWithOwner } = await import("@/server/orgs/create-org");
const { createUpstream } = await import("@/server/upstreams/upstreams");
const { buildGatewayDeps } = await import("@/server/gateway/build-deps");
const { createGatewayWith } = await import("@/server/gateway/gateway");
type Deps = Awaited<ReturnType<typeof buildGatewayDeps>>;

const org = await createOrganizationWithOwner(getDb(), { orgName: "Breakdown", owner: { email: "bd@example.test", password: "Correct-Horse-9-battery" }, mode: "signup" });
await createUpstream(forOrg(getDb(), org.orgId), getKeyring(), { orgId: org.orgId, actorId: null, input: { name: "api", url: `http://127.0.0.1:${upstream.port}/api`, allowPrivate: true, timeoutMs: 5000 } });
const { createPostgresAuditSink } = await import("@/server/audit/appender");
const { createPgPool } = await import("@/server/db/pg-pool");
const batches = { count: 0, events: 0, speculative: 0 };
const base = await buildGatewayDeps({
  audit: createPostgresAuditSink(getDb(), {
    kek: getKeyring(), pool: createPgPool(db.url, 4),
    onBatch: (b) => {
      batches.count++;
      batches.events += b.size;
      if (b.path === "speculative") batches.speculative++;
    },
  }),
});

// The production server's appender: the same sink on a worker thread (server/audit/thread-sink.ts).
const { createThreadAuditSink } = await import("@/server/audit/thread-sink");
const threadSink = createThreadAuditSink({ databaseUrl: db.url });
const noAudit: Partial<Deps> = { audit: { append: async () => ({ seq: 1, hash: "0".repeat(64) }), close: async () => {} } };
// What forward() returns for a small JSON response of declared length (read whole).
const { completeResponse } = await import("@/server/proxy/complete-body");
const okBytes = new TextEncoder().encode('{"ok":true}');
const noForward: Partial<Deps> = { forward: async () => completeResponse(okBytes, { headers: { "content-type": "application/json", "content-length": String(okBytes.byteLength) } }) };
const noPolicy: Partial<Deps> = { policy: { ...base.policy, evaluate: () => ({ decision: "ALLOW", reasons: [], baseline_hits: [] }) as never } };

async function variant(label: string, overrides: Partial<Deps>, url = "http://gw.local/v1/gateway/api/items?limit=10", profile = flags.profile) {
  if (flags.only && !label.includes(flags.only)) return;
  const gateway = createGatewayWith({ ...base, ...overrides });
  const send = async () => {
    const res = await gateway.handle(new Request(url, { headers: { authorization: `Bearer ${org.apiKey}` } }), { remoteAddress: "127.0.0.1" });
    await res.arrayBuffer();
    return res.status;
  };
  for (let i = 0; i < 200; i++) await send(); // warm caches and JIT
  const session = profile ? new Session() : null;
  if (session) {
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
  }
  const batches0 = { ...batches };
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpuSeconds([process.pid]);
  const t0 = performance.now();
  let next = 0;
  const statuses = new Map<number, number>();
  await Promise.all(Array.from({ length: CONC }, async () => {
    while (next++ < N) {
      const s = await send();
      statuses.set(s, (statuses.get(s) ?? 0) + 1);
    }
  }));
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const mainUs = ((mainThreadCpuSeconds([process.pid]) - main0) * 1e6) / N;
  if (session) {
    const { profile: p } = await session.post("Profiler.stop");
    const file = path.join(tmp, `${label.replace(/\W+/g, "-")}.cpuprofile`);
    fs.writeFileSync(file.replace(tmp, path.dirname(tmp)), JSON.stringify(p));
    console.log(`profile: ${file.replace(tmp, path.dirname(tmp))}`);
  }
  const us = ((cpu.user + cpu.system) / N).toFixed(0);
  const nb = batches.count - batches0.count;
  const audit = nb ? `  audit: ${nb} batches, avg ${((batches.events - batches0.events) / nb).toFixed(1)} events, ${(((batches.speculative - batches0.speculative) / nb) * 100).toFixed(0)}% one-statement` : "";
  console.log(`${label.padEnd(46)} ${us.padStart(6)} µs CPU/request (main thread ${mainUs.toFixed(0).padStart(4)})  ${(N / (wall / 1000)).toFixed(0).padStart(6)} req/s  ${[...statuses].map(([s, n]) => `${s}×${n}`).join(" ")}${audit}`);
}

try {
  await variant("full pipeline (allow)", {});
  await variant("full pipeline (allow), audit thread", { audit: threadSink });
  await variant("full pipeline, blocked (SQLi)", {}, `http://gw.local/v1/gateway/api/items?id=${encodeURIComponent("1' UNION SELECT password FROM users--")}`);
  await variant("blocked (SQLi), audit append a no-op", noAudit, `http://gw.local/v1/gateway/api/items?id=${encodeURIComponent("1' UNION SELECT password FROM users--")}`);
  await variant("audit append replaced by a no-op", noAudit);
  await variant("no audit, no upstream call", { ...noAudit, ...noForward });
  await variant("no audit, no upstream, no OPA policy", { ...noAudit, ...noForward, ...noPolicy });
} finally {
  await base.audit.close();
  await threadSink.close();
  await upstream.stop();
  await getDb().$disconnect();
  const { endAllPools } = await import("@/server/db/pg-pool");
  await endAllPools();
  await db.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
  killChildren();
}
