// Requests-per-second limits with burst (token bucket), per org and per agent.
// Two adapters, one interface: @upstash/ratelimit on Redis/Upstash (shared by
// every instance), or an in-process bucket for the single-instance default.
import { Ratelimit } from "@upstash/ratelimit";
import type { Store } from "@/server/store/types";

export interface LimitResult {
  success: boolean;
  limit: number;
  remaining: number;
  /** Unix ms when a token is next available. */
  reset: number;
}

/** The headers of a 429: Retry-After and the RateLimit fields, in whole seconds (at least 1). */
export function rateLimitedHeaders(retryAfterS: number, limit: number): Record<string, string> {
  const wait = String(Math.max(1, Math.ceil(retryAfterS)));
  return { "retry-after": wait, "ratelimit-limit": String(limit), "ratelimit-remaining": "0", "ratelimit-reset": wait };
}

export interface Limiter {
  limit(key: string, rps: number, burst: number): Promise<LimitResult>;
}

export function createMemoryLimiter(now: () => number = Date.now): Limiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    async limit(key, rps, burst) {
      const t = now();
      const cap = Math.max(burst, 1);
      const b = buckets.get(key) ?? { tokens: cap, at: t };
      b.tokens = Math.min(cap, b.tokens + ((t - b.at) / 1000) * rps);
      b.at = t;
      const success = b.tokens >= 1;
      if (success) b.tokens -= 1;
      buckets.set(key, b);
      if (buckets.size > 100_000) buckets.clear(); // bound memory under key churn
      const wait = success ? 0 : Math.ceil(((1 - b.tokens) / rps) * 1000);
      return { success, limit: cap, remaining: Math.floor(b.tokens), reset: t + wait };
    },
  };
}

const LIMIT_TIMEOUT_MS = 1000;

export function createUpstashLimiter(store: Store): Limiter {
  const redis = store.redis;
  if (!redis) throw new Error("the Upstash limiter needs a Redis-backed store");
  const limiters = new Map<string, Ratelimit>();
  return {
    async limit(key, rps, burst) {
      const id = `${rps}:${burst}`;
      let rl = limiters.get(id);
      if (!rl) {
        // tokenBucket(refillRate, interval, maxTokens)
        // timeout 0: the library would otherwise *allow* requests when Redis is
        // slow. We bound the call ourselves and let the degraded mode decide.
        rl = new Ratelimit({ redis, limiter: Ratelimit.tokenBucket(rps, "1 s", Math.max(burst, 1)), prefix: "aegis:rl", analytics: false, timeout: 0 });
        limiters.set(id, rl);
      }
      const r = await Promise.race([
        rl.limit(key),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("rate limiter timed out")), LIMIT_TIMEOUT_MS).unref()),
      ]);
      return { success: r.success, limit: r.limit, remaining: r.remaining, reset: r.reset };
    },
  };
}

export function createLimiter(store: Store, now: () => number = Date.now): Limiter {
  return store.redis ? createUpstashLimiter(store) : createMemoryLimiter(now);
}
