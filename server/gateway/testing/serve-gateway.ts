// One gateway process for multi-process tests and benchmarks: the gateway core
// on node:http, without Next.js, built from the configured adapters exactly as
// the production fast path builds it (server/main.ts). It neither boots nor
// migrates: DATABASE_URL must point at a migrated database and AEGIS_KEK must
// be the key that encrypted its secrets.
//
//   DATABASE_URL=... AEGIS_KEK=... tsx server/gateway/testing/serve-gateway.ts [--port 0] [--host 127.0.0.1]
//
// When listening it prints one line on stdout: {"event":"listening","port":N}.
// SIGTERM/SIGINT close the server and flush the audit sink.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { getGateway } from "@/server/gateway/instance";
import { toNodeHandler } from "@/server/gateway/node-adapter";

async function main() {
  const gateway = await getGateway();
  const server = http.createServer(toNodeHandler(gateway));
  server.keepAliveTimeout = 65_000;
  const { values } = parseArgs({ options: { port: { type: "string", default: "0" }, host: { type: "string", default: "127.0.0.1" } } });
  const port = Number(values.port);
  const host = values.host;
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  process.stdout.write(JSON.stringify({ event: "listening", port: (server.address() as AddressInfo).port, pid: process.pid }) + "\n");

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
