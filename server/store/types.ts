// The key-value store behind kill-switch fan-out, lockouts, JTI replay windows
// and quotas. Two adapters share this interface: Redis (Upstash REST, or any
// Redis over TCP through a custom Requester) and an in-process map for the
// single-instance embedded default.
import type { Redis } from "@upstash/redis";

export interface SetOptions {
  /** time to live in milliseconds */
  ttlMs?: number;
  /** only set when the key does not exist (atomic) */
  nx?: boolean;
}

export interface Store {
  readonly kind: "memory" | "redis" | "upstash";
  get(key: string): Promise<string | null>;
  /** Returns false when `nx` was given and the key already existed. */
  set(key: string, value: string, opts?: SetOptions): Promise<boolean>;
  /** Atomically adds `by`; the TTL is applied when the key is created. */
  incrBy(key: string, by: number, ttlMs?: number): Promise<number>;
  del(key: string): Promise<void>;
  ping(): Promise<void>;
  /** The Upstash client for @upstash/ratelimit; absent for the in-process store. */
  readonly redis?: Redis;
}
