// The one switch between embedded defaults and production services:
//   DATABASE_URL            → that PostgreSQL      | else embedded PostgreSQL
//   UPSTASH_REDIS_REST_*    → Upstash              | REDIS_URL → Redis over TCP | else in-process
//   AUTH_SECRET, AEGIS_KEK  → those secrets        | else generated dev secrets in the data dir
// Same code paths either way; only the adapters differ.
import { getEnv } from "@/server/env";
import { createMemoryStore } from "@/server/store/memory";
import { createSelfHostedRedisStore, createUpstashStore } from "@/server/store/redis";
import type { Store } from "@/server/store/types";

const STORE_KEY = Symbol.for("aegis.store");
const g = globalThis as unknown as { [STORE_KEY]?: Store };

export function getStore(): Store {
  if (g[STORE_KEY]) return g[STORE_KEY];
  const env = getEnv();
  let store: Store;
  if (env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN) {
    store = createUpstashStore(env.UPSTASH_REDIS_REST_URL, env.UPSTASH_REDIS_REST_TOKEN);
  } else if (env.REDIS_URL) {
    store = createSelfHostedRedisStore(env.REDIS_URL);
  } else {
    store = createMemoryStore();
  }
  g[STORE_KEY] = store;
  return store;
}

/** Tests swap the store (e.g. to an unreachable Redis) without touching env. */
export function setStoreForTests(store: Store | undefined): void {
  g[STORE_KEY] = store;
}

