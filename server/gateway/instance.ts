// One gateway per process, built from the configured adapters. The instance lives on
// globalThis under a registered symbol, so the Next.js bundle (the App Router mount) and the
// node:http server that runs it share it: whoever asks first builds it. server/main.ts asks at
// start-up and passes what only code loaded from source can build (the audit thread; a Next.js
// bundle cannot start a worker from a source file, so nothing here imports it).
import { createGateway, type Gateway } from "@/server/gateway/gateway";
import type { GatewayDeps } from "@/server/gateway/deps";

const KEY = Symbol.for("aegis.gateway");
const g = globalThis as unknown as { [KEY]?: Promise<Gateway> };

/** `overrides` is called only if this call builds the gateway. */
export function getGateway(overrides?: () => Partial<GatewayDeps>): Promise<Gateway> {
  g[KEY] ??= createGateway(overrides?.());
  return g[KEY];
}
