// Test harness: the real gateway core on a real node:http server, with the
// per-run PostgreSQL and a controllable clock. Only the store is chosen by
// the test (in-process by default, Redis when REDIS_URL is set).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createGatewayWith, type Gateway } from "@/server/gateway/gateway";
import { buildGatewayDeps } from "@/server/gateway/build-deps";
import type { GatewayDeps } from "@/server/gateway/deps";
import { toNodeHandler } from "@/server/gateway/node-adapter";
import { createMemoryStore } from "@/server/store/memory";
import { getTestDb } from "@/server/testing/db";

export interface TestClock {
  now(): number;
  advance(ms: number): void;
}

export function createTestClock(start = Date.now()): TestClock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

export interface RunningGateway {
  url: string;
  gateway: Gateway;
  clock: TestClock;
  close(): Promise<void>;
}

export async function startTestGateway(overrides: Partial<GatewayDeps> = {}): Promise<RunningGateway> {
  const clock = createTestClock();
  const deps = await buildGatewayDeps({ db: getTestDb(), now: clock.now, store: createMemoryStore(clock.now), ...overrides });
  const gateway = createGatewayWith(deps);
  const server = http.createServer(toNodeHandler(gateway));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    gateway,
    clock,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await deps.audit.close();
    },
  };
}
