// In-process store: correct for one instance (the embedded default), and
// honest about it. Expired keys are dropped lazily and by a periodic sweep.
import type { SetOptions, Store } from "@/server/store/types";

interface Entry {
  value: string;
  expiresAt: number; // 0 = never
}

export function createMemoryStore(now: () => number = Date.now): Store {
  const map = new Map<string, Entry>();
  const live = (key: string): Entry | undefined => {
    const e = map.get(key);
    if (e && e.expiresAt !== 0 && e.expiresAt <= now()) {
      map.delete(key);
      return undefined;
    }
    return e;
  };
  const sweep = setInterval(() => {
    const t = now();
    for (const [k, e] of map) if (e.expiresAt !== 0 && e.expiresAt <= t) map.delete(k);
  }, 30_000);
  sweep.unref();

  return {
    kind: "memory",
    async get(key) {
      return live(key)?.value ?? null;
    },
    async set(key, value, opts: SetOptions = {}) {
      if (opts.nx && live(key)) return false;
      map.set(key, { value, expiresAt: opts.ttlMs ? now() + opts.ttlMs : 0 });
      return true;
    },
    async incrBy(key, by, ttlMs) {
      const e = live(key);
      const next = (e ? Number(e.value) : 0) + by;
      map.set(key, { value: String(next), expiresAt: e ? e.expiresAt : ttlMs ? now() + ttlMs : 0 });
      return next;
    },
    async del(key) {
      map.delete(key);
    },
    async ping() {},
  };
}
