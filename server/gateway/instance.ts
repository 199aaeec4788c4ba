// One gateway per process, built from the configured adapters. The instance lives on
// globalThis under a registered symbol, so the Next.js bundle (the App Router mount) and the
// node:http server that runs it share it: whoever asks first builds it (server/main.ts does,
// at start-up, with the options only code loaded from source can use).
import { createGateway, type Gateway } from "@/server/gateway/gateway";
import type { TBuildOptions } from "@/server/gateway/build-deps";

const KEY = Symbol.for("aegis.gateway");
const g = globalThis as unknown as { [KEY]?: Promise<Gateway> };

export function getGateway(options: TBuildOptions = {}): Promise<Gateway> {
  g[KEY] ??= createGateway(options);
  return g[KEY];
}
