// One gateway process for multi-process tests and benchmarks: the gateway core
// on node:http, without Next.js, built from the configured adapters exactly as
// the production fast path builds it (server/main.ts). It neither boots nor
// migrates: DATABASE_URL must point at a migrated database and AEGIS_KEK must
// be the key that encrypted its secrets.
//
//   DATABASE_URL=... AEGIS_KEK=... tsx server/gateway/testing/serve-gateway.ts [--port 0] [--host 127.0.0.1] [--workers N]
//
// When listening it prints one line on stdout: {"event":"listening","port":N}.
// --workers N forks N node:cluster workers sharing the port (one gateway, one
// audit queue and one cache per worker), for measuring multi-core scaling.
// SIGTERM/SIGINT close the server and flush the audit sink.
import cluster from "node:cluster";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { getGateway } from "@/server/gateway/instance";
import { productionOverrides, toNodeHandler } from "@/server/gateway/node-adapter";

const { values } = parseArgs({ options: { port: { type: "string", default: "0" }, host: { type: "string", default: "127.0.0.1" }, workers: { type: "string", default: "1" } } });

async function primary(workers: number) {
  const forked = Array.from({ length: workers }, () => cluster.fork());
  // Workers listening on port 0 share the one port the primary picked.
  const ports = await Promise.all(forked.map((w) => new Promise<number>((resolve) => w.once("listening", (a) => resolve(a.port)))));
  process.stdout.write(JSON.stringify({ event: "listening", port: ports[0], pid: process.pid, workers: forked.map((w) => w.process.pid) }) + "\n");
  const stop = () => forked.forEach((w) => w.process.kill("SIGTERM"));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  cluster.on("exit", () => {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  });
}

async function main() {
  const workers = Number(values.workers);
  if (cluster.isPrimary && workers > 1) return primary(workers);
  const gateway = await getGateway(productionOverrides);
  const server = http.createServer(toNodeHandler(gateway));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(Number(values.port), values.host, resolve));
  if (cluster.isPrimary) process.stdout.write(JSON.stringify({ event: "listening", port: (server.address() as AddressInfo).port, pid: process.pid }) + "\n");

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeAllConnections();
    await gateway.deps.audit.close().catch(() => undefined);
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`serve-gateway failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
