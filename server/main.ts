// The production server that `npm start` runs. One node:http server:
//   /v1/*  → the framework-free gateway core (fast path, no Next.js router)
//   else   → Next.js (pages, tRPC, next-auth, health)
// It resolves configuration first (embedded PostgreSQL and dev secrets when
// nothing is configured) and records the database address for the CLI.
// AEGIS_WORKERS=N runs N worker processes behind one port (node:cluster);
// only with a shared store (Redis/Upstash), since rate limits and JTI replay
// windows in the in-process store would otherwise be per worker.
import cluster from "node:cluster";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { boot } from "@/server/boot";
import { getEnv, publishResolvedEnv } from "@/server/env";
import { log } from "@/server/log/logger";
import { writeRuntimeFile } from "@/server/runtime/runtime-file";
import { createNodeHandler } from "@/server/gateway/node-adapter";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function workerCount(dev: boolean): number {
  const env = getEnv();
  const wanted = env.AEGIS_WORKERS ?? 1;
  if (wanted <= 1 || dev) return 1;
  if (!env.REDIS_URL && !env.UPSTASH_REDIS_REST_URL) {
    log.warn("AEGIS_WORKERS ignored: several workers need a shared store (REDIS_URL or Upstash)", { requested: wanted });
    return 1;
  }
  return wanted;
}

async function primary(workers: number) {
  const env = getEnv();
  const booted = await boot({ allowEmbeddedStart: true, preferRunningServer: false });
  const publicUrl = env.AEGIS_PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  // Published into process.env, which the forked workers inherit.
  publishResolvedEnv({ NEXTAUTH_URL: publicUrl, AEGIS_PUBLIC_URL: publicUrl });
  writeRuntimeFile(env.dataDir, { databaseUrl: booted.databaseUrl, pid: process.pid, startedAt: new Date().toISOString() });
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork({ AEGIS_WORKER_INDEX: String(i) });
  cluster.on("exit", (w, code) => {
    if (stopping) return;
    log.error("worker exited; replacing it", { pid: w.process.pid, code });
    cluster.fork({ AEGIS_WORKER_INDEX: "replacement" });
  });
  const shutdown = async () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 1500));
    await booted.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());
  log.info("Aegis primary running", { workers, url: publicUrl });
}

async function main() {
  const dev = process.argv.includes("--dev");
  if (cluster.isPrimary) {
    const workers = workerCount(dev);
    if (workers > 1) return primary(workers);
  }
  const env = getEnv();
  const isWorker = !cluster.isPrimary;
  const booted = await boot({ allowEmbeddedStart: !isWorker, preferRunningServer: false, quiet: isWorker });
  const publicUrl = env.AEGIS_PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  publishResolvedEnv({ NEXTAUTH_URL: publicUrl, AEGIS_PUBLIC_URL: publicUrl });
  if (!isWorker) writeRuntimeFile(env.dataDir, { databaseUrl: booted.databaseUrl, pid: process.pid, startedAt: new Date().toISOString() });

  const { default: next } = await import("next");
  const app = next({ dev, dir: root, hostname: "localhost", port: env.PORT });
  await app.prepare();
  const nextHandler = app.getRequestHandler();
  const gateway = await createNodeHandler();
  // Background jobs (Merkle sealing...): in-process on their schedules, or
  // served to Inngest at /api/inngest when it is configured.
  // With several workers only the first runs scheduled jobs.
  const runsJobs = !isWorker || env.AEGIS_WORKER_INDEX === "0";
  const { startLocalJobDriver } = await import("@/server/jobs/local-driver");
  const jobs = runsJobs ? await startLocalJobDriver() : { stop: () => undefined };

  const fastPath = env.AEGIS_FASTPATH === "on";
  const server = http.createServer((req, res) => {
    if (fastPath && req.url?.startsWith("/v1/")) return void gateway(req, res);
    nextHandler(req, res).catch((err: unknown) => {
      log.error("next handler failed", { err, path: req.url?.split("?")[0] });
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "INTERNAL", message: "Internal error" } }));
    });
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // Huge headers get a clean 431 from node:http rather than reaching us.
  server.maxHeadersCount = 200;

  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOSTNAME, resolve));
  log.info("Aegis is running", { url: publicUrl, database: booted.embedded ? "embedded" : "external", dev });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("shutting down", { signal });
    server.close();
    server.closeAllConnections();
    jobs.stop();
    // Commit what the audit appender already holds before the database goes away (bounded).
    const { getGateway } = await import("@/server/gateway/instance");
    const closing = getGateway().then((g) => g.deps.audit.close());
    await Promise.race([closing.catch(() => undefined), new Promise((r) => setTimeout(r, 5_000))]);
    await booted.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`Aegis failed to start: ${message}\n`);
  process.exit(1);
});
