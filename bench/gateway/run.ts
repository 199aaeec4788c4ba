/**
 * Gateway benchmark: `npm run bench:gateway [-- flags]`. Needs a production
 * Next.js build (`npx next build`, or pass --build) unless --fast-only.
 *
 * One run starts an upstream (bench/gateway/upstream.mjs), a fresh migrated
 * database (on DATABASE_URL's server, else embedded), an org and an upstream
 * alias through the real CLI, then measures with wrk (autocannon when wrk is missing) and, for
 * the fixed-rate rows, an open-loop paced generator (paced.ts):
 *   direct to the upstream · the fast path (server/main.ts answering /v1/*,
 *   whole pipeline on: kill switch, auth, quota, inspection, OPA policy,
 *   decision, audit committed to PostgreSQL, proxy, output filter) · blocked
 *   requests (SQL injection → 403) · the same at a fixed 1,000 requests/s
 *   next to the upstream at that rate · the App Router mount (a second
 *   server/main.ts with AEGIS_FASTPATH=off) · /api/health, an empty route
 *   handler, on both servers as the Next.js baseline.
 * Prints one line per scenario and writes bench/results/gateway.md.
 *
 * Flags: --duration S (10) --connections N (16) --high N,M (128,512) --fast-only
 *        --build (run `npx next build` first) --no-write
 *        --workers N (with --fast-only: N node:cluster workers behind one port)
 *        --profile DIR (write each gateway server's .cpuprofile into DIR)
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { describe, measure, type Measurement, type Scenario } from "./measure";
import { ROOT, aegisCli, createBenchDatabase, killChildren, startChild, tempDir, type Child } from "./processes";
import { renderMarkdown, writeResults, type Target } from "./report";

const { values: flags } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "16" },
    high: { type: "string", default: "128,512" },
    "fast-only": { type: "boolean", default: false },
    build: { type: "boolean", default: false },
    "no-write": { type: "boolean", default: false },
    workers: { type: "string", default: "1" },
    profile: { type: "string" },
  },
});
const DURATION = Number(flags.duration);
const CONNS = Number(flags.connections);
// Closed-loop rows with more connections: throughput is latency-bound (each request waits for its
// audit commit), so capacity shows only with enough requests in flight.
const HIGH = flags.high.split(",").map(Number).filter((n) => n > 0);
const WORKERS = Number(flags.workers);
const FIXED_RATE = 1000;
const SQLI = `?id=${encodeURIComponent("1' UNION SELECT password FROM users--")}`;
const POST_BODY = JSON.stringify({ order: { customer: "c_123", note: "Deliver to the back door, ring twice.", items: Array.from({ length: 12 }, (_, i) => ({ sku: `SKU-${1000 + i}`, qty: (i % 3) + 1, price: 9.99 + i })) } });

const rows: Measurement[] = [];
const servers: Child[] = [];
async function record(s: Scenario): Promise<Measurement> {
  const m = await measure(s);
  // A server that died mid-run (crash, OOM, or a stray `pkill -f` on a shared machine) must not turn into a row of errors.
  const dead = servers.find((c) => c.process.exitCode !== null || c.process.signalCode !== null);
  if (dead) throw new Error(`server ${dead.pid} exited (code ${dead.process.exitCode}, signal ${dead.process.signalCode}) during "${s.label}"`);
  rows.push(m);
  console.log(describe(m));
  return m;
}
const warm = (url: string, headers?: Record<string, string>) => measure({ label: "warm-up", url, headers, connections: CONNS, durationS: 3 });

async function main() {
  const withNext = !flags["fast-only"];
  if (withNext && flags.build) execFileSync("npx", ["next", "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (withNext && WORKERS > 1) throw new Error("--workers needs --fast-only (server/main.ts runs one process)");
  if (withNext && !fs.existsSync(path.join(ROOT, ".next/BUILD_ID"))) throw new Error("no production build: run `npx next build` first (or pass --build, or --fast-only)");

  const tmp = tempDir();
  const loadBefore = os.loadavg();
  console.log(`bench:gateway: temp dir ${tmp}; load average ${loadBefore.map((l) => l.toFixed(2)).join(" ")}`);
  const db = await createBenchDatabase(tmp);
  const env: NodeJS.ProcessEnv = {
    ...process.env, DATABASE_URL: db.url, AEGIS_KEK: randomBytes(32).toString("base64"), AEGIS_KEK_ID: "bench",
    AUTH_SECRET: randomBytes(32).toString("hex"), AEGIS_DATA_DIR: path.join(tmp, "data"), NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1", HOSTNAME: "127.0.0.1", REDIS_URL: "", UPSTASH_REDIS_REST_URL: "", UPSTASH_REDIS_REST_TOKEN: "",
  };
  const started: Child[] = [];
  let failed = true;
  try {
    const upstream = await startChild(["bench/gateway/upstream.mjs"], env, path.join(tmp, "upstream.log"));
    started.push(upstream);
    const org = await aegisCli<{ orgId: string; apiKey: string }>(["org", "create", "--name", "Bench", "--owner-email", "bench@example.test", "--owner-password", "Correct-Horse-9-battery"], env);
    await aegisCli(["upstream", "add", "--org", org.orgId, "--name", "api", "--url", `http://127.0.0.1:${upstream.port}/api`, "--allow-private"], env);
    const auth = { authorization: `Bearer ${org.apiKey}` };
    const direct = `http://127.0.0.1:${upstream.port}/api/items?limit=10`;

    const startServer = async (fastPath: "on" | "off", port: number) => {
      const profile = flags.profile ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(flags.profile)] : [];
      const args = withNext ? [...profile, "--import", "tsx", "server/main.ts"] : [...profile, "--import", "tsx", "server/gateway/testing/serve-gateway.ts", "--port", String(port), "--workers", String(WORKERS)];
      const child = await startChild(args, { ...env, PORT: String(port), AEGIS_FASTPATH: fastPath }, path.join(tmp, `server-${fastPath}.log`), withNext ? { port, readyPath: "/api/health" } : {});
      started.push(child);
      servers.push(child);
      return child;
    };

    const a = await startServer("on", 18000 + (process.pid % 1000));
    const gw = `http://127.0.0.1:${a.port}/v1/gateway/api`;
    await warm(direct);
    await record({ label: "direct to upstream", url: direct, connections: CONNS, durationS: DURATION });
    await warm(`${gw}/items?limit=10`, auth);
    await record({ label: "fast path, allow (GET)", url: `${gw}/items?limit=10`, headers: auth, connections: CONNS, durationS: DURATION, serverPids: a.pids });
    for (const conns of HIGH) {
      await record({ label: `fast path, allow (GET), ${conns} connections`, url: `${gw}/items?limit=10`, headers: auth, connections: conns, durationS: DURATION, serverPids: a.pids });
    }
    await record({ label: "fast path, allow (POST 1 KB JSON)", url: `${gw}/orders`, method: "POST", body: POST_BODY, headers: { ...auth, "content-type": "application/json" }, connections: CONNS, durationS: DURATION, serverPids: a.pids });
    await record({ label: "fast path, blocked (SQL injection → 403)", url: `${gw}/items${SQLI}`, headers: auth, connections: CONNS, durationS: DURATION, serverPids: a.pids });
    const directFixed = await record({ label: `direct to upstream @ ${FIXED_RATE}/s`, url: direct, rate: FIXED_RATE, connections: CONNS, durationS: DURATION });
    const fastFixed = await record({ label: `fast path, allow @ ${FIXED_RATE}/s`, url: `${gw}/items?limit=10`, headers: auth, rate: FIXED_RATE, connections: CONNS, durationS: DURATION, serverPids: a.pids });
    let healthA: Measurement | undefined;
    let route: Measurement | undefined;
    let healthB: Measurement | undefined;
    if (withNext) {
      const health = `http://127.0.0.1:${a.port}/api/health`;
      await warm(health);
      healthA = await record({ label: "Next.js empty route handler (/api/health)", url: health, connections: CONNS, durationS: DURATION, serverPids: a.pids });
    }
    servers.length = 0;
    await a.stop();

    if (withNext) {
      const b = await startServer("off", a.port + 1);
      const mount = `http://127.0.0.1:${b.port}/v1/gateway/api/items?limit=10`;
      await warm(mount, auth);
      route = await record({ label: "route handler mount, allow (AEGIS_FASTPATH=off)", url: mount, headers: auth, connections: CONNS, durationS: DURATION, serverPids: b.pids });
      const health = `http://127.0.0.1:${b.port}/api/health`;
      await warm(health);
      healthB = await record({ label: "Next.js empty route handler, same server", url: health, connections: CONNS, durationS: DURATION, serverPids: b.pids });
      servers.length = 0;
      await b.stop();
    }

    const bestFast = Math.max(...rows.filter((r) => r.label.startsWith("fast path, allow (GET)")).map((r) => r.rps));
    const addedP99 = fastFixed.p99 - directFixed.p99;
    const emptyRps = healthB?.rps ?? healthA?.rps;
    const targets: Target[] = [
      { name: "fast path throughput, allow, whole pipeline", goal: "≥ 5,000 requests/s", measured: `${Math.round(bestFast).toLocaleString("en-US")} requests/s`, met: bestFast >= 5000 },
      { name: `added p99 at ${FIXED_RATE.toLocaleString("en-US")} requests/s`, goal: "≤ 5 ms over direct", measured: `${addedP99.toFixed(2)} ms (${fastFixed.p99.toFixed(2)} vs ${directFixed.p99.toFixed(2)}); achieved ${Math.round(fastFixed.rps)}/s`, met: addedP99 <= 5 && fastFixed.rps >= FIXED_RATE * 0.95 },
      route && emptyRps
        ? { name: "route handler mount vs empty route handler", goal: "within 20%", measured: `${Math.round(route.rps)} vs ${Math.round(emptyRps)} requests/s (${((route.rps / emptyRps) * 100).toFixed(0)}%)`, met: route.rps >= 0.8 * emptyRps }
        : { name: "route handler mount vs empty route handler", goal: "within 20%", measured: "–", met: null },
    ];
    const loadAfter = os.loadavg();
    const markdown = renderMarkdown(rows, targets, {
      date: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
      database: db.kind === "external" ? "a fresh database on the local PostgreSQL server (DATABASE_URL), dropped after" : "embedded PostgreSQL in a temp dir",
      loadBefore, loadAfter, durationS: DURATION,
      notes: [
        "Load generators: wrk (one thread) for max-rate rows when installed, else autocannon; the fixed-rate rows use bench/gateway/paced.ts, an open-loop generator that sends at evenly spaced instants and measures latency from each request's scheduled instant (autocannon's fixed rate is a per-second budget per connection, i.e. a burst at the start of every second). Load generator, upstream, gateway and PostgreSQL share the machine's cores.",
        "Store: in-process (no REDIS_URL). Every allowed and blocked request is committed to the audit chain in PostgreSQL (group commit, durable) before it is forwarded or answered.",
        "Server CPU is user+system time of the server process (all its threads) divided by the responses it gave.",
        ...(withNext ? [] : [`--fast-only: the gateway core ran under server/gateway/testing/serve-gateway.ts, without Next.js${WORKERS > 1 ? `, ${WORKERS} node:cluster workers` : ""}.`]),
      ],
    });
    console.log("\n" + markdown);
    if (!flags["no-write"]) writeResults(path.join(ROOT, "bench/results/gateway.md"), markdown);
    failed = false;
  } finally {
    for (const c of started.reverse()) await c.stop().catch(() => undefined);
    await db.drop().catch((err: unknown) => console.error("could not drop the bench database:", err));
    if (failed) console.error(`bench:gateway failed; server logs kept in ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

process.on("exit", killChildren);
main().catch((err: unknown) => {
  console.error(err);
  killChildren();
  process.exit(1);
});
