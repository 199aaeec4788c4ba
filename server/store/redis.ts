// Store adapter on @upstash/redis: Upstash REST in the cloud, or a
// self-hosted Redis through the TCP requester. Same commands either way.
import { Redis } from "@upstash/redis";
import type { Store } from "@/server/store/types";
import { createTcpRequester } from "@/server/store/tcp-requester";

export function createRedisStore(redis: Redis, kind: "redis" | "upstash"): Store {
  return {
    kind,
    redis,
    async get(key) {
      // @upstash/redis JSON-parses values it can; turn them back into text.
      const v = await redis.get<unknown>(key);
      if (v === null || v === undefined) return null;
      return typeof v === "object" ? JSON.stringify(v) : String(v);
    },
    async set(key, value, opts = {}) {
      const r = opts.ttlMs
        ? opts.nx
          ? await redis.set(key, value, { px: opts.ttlMs, nx: true })
          : await redis.set(key, value, { px: opts.ttlMs })
        : opts.nx
          ? await redis.set(key, value, { nx: true })
          : await redis.set(key, value);
      return r === "OK";
    },
    async incrBy(key, by, ttlMs) {
      const n = await redis.incrby(key, by);
      // First writer sets the window; later writers leave it alone.
      if (ttlMs && n === by) await redis.pexpire(key, ttlMs);
      return n;
    },
    async del(key) {
      await redis.del(key);
    },
    async ping() {
      await redis.ping();
    },
  };
}

export function createSelfHostedRedisStore(url: string): Store {
  const redis = new Redis(createTcpRequester(url));
  return createRedisStore(redis, "redis");
}

export function createUpstashStore(url: string, token: string): Store {
  return createRedisStore(new Redis({ url, token, retry: { retries: 1 } }), "upstash");
}
