// The production server that `npm start` runs. One node:http server:
//   /v1/*  → the framework-free gateway core (fast path, no Next.js router)
//   else   → Next.js (pages, tRPC, next-auth, health)
// It resolves configuration first (embedded PostgreSQL and dev secrets when
// nothing is configured) and records the database address for the CLI.
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { boot } from "@/server/boot";
import { getEnv, publishResolvedEnv } from "@/server/env";
import { log } from "@/server/log/logger";
import { writeRuntimeFile } from "@/server/runtime/runtime-file";
import { createNodeHandler } from "@/server/gateway/node-adapter";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function main() {
  const dev = process.argv.includes("--dev");
  const env = getEnv();
  const booted = await boot({ allowEmbeddedStart: true, preferRunningServer: false });
  const publicUrl = env.AEGIS_PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  publishResolvedEnv({ NEXTAUTH_URL: publicUrl, AEGIS_PUBLIC_URL: publicUrl });
  writeRuntimeFile(env.dataDir, { databaseUrl: booted.databaseUrl, pid: process.pid, startedAt: new Date().toISOString() });

  const { default: next } = await import("next");
  const app = next({ dev, dir: root, hostname: "localhost", port: env.PORT });
  await app.prepare();
  const nextHandler = app.getRequestHandler();
  const gateway = await createNodeHandler();
  // Background jobs (Merkle sealing...): in-process on their schedules, or
  // served to Inngest at /api/inngest when it is configured.
  const { startLocalJobDriver } = await import("@/server/jobs/local-driver");
  const jobs = await startLocalJobDriver();

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
