// One gateway per process, built from the configured adapters.
import { createGateway, type Gateway } from "@/server/gateway/gateway";

const KEY = Symbol.for("aegis.gateway");
const g = globalThis as unknown as { [KEY]?: Promise<Gateway> };

export function getGateway(): Promise<Gateway> {
  g[KEY] ??= createGateway();
  return g[KEY];
}
