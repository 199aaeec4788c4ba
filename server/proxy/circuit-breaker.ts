// Per-upstream circuit breakers, in process memory (each gateway instance trips on what it sees;
// that is the point: it protects this instance's sockets and latency).
//
// closed --N consecutive failures--> open --openMs elapsed--> half_open (exactly one probe admitted)
// half_open --probe ok--> closed; --probe fails--> open again for another openMs.
// A probe that never reports (its caller crashed) is presumed lost after probeTimeoutMs, and the
// next caller becomes the probe, so a breaker cannot stay half-open forever.
// Results recorded while open are ignored: they come from requests admitted before the trip and
// say nothing about the upstream's state now.
// What counts as failure is the caller's call: 5xx, timeouts and connection errors; 4xx are the
// client's fault and should be recorded as ok.

export type TClock = { now(): number };
export type TBreakerState = "closed" | "open" | "half_open";
export type TBreakerCheck =
  | { allowed: true; probe: boolean }
  | { allowed: false; reason: "circuit_open" | "probe_in_flight"; retryAfterMs: number };

export type TCircuitBreakers = {
  check(key: string): TBreakerCheck;
  record(key: string, ok: boolean): void;
  state(key: string): TBreakerState;
};

type TEntry =
  | { state: "closed"; failures: number }
  | { state: "open"; openedAt: number }
  | { state: "half_open"; probeStartedAt: number };

export function createCircuitBreakers(opts: {
  failureThreshold: number;
  openMs: number;
  probeTimeoutMs?: number;
  clock?: TClock;
}): TCircuitBreakers {
  if (opts.failureThreshold < 1) throw new Error("failureThreshold must be >= 1");
  const clock = opts.clock ?? { now: () => Date.now() };
  const probeTimeoutMs = opts.probeTimeoutMs ?? opts.openMs;
  // Healthy upstreams have no entry, so the map only holds upstreams that recently failed.
  const entries = new Map<string, TEntry>();

  return {
    check(key) {
      const entry = entries.get(key);
      if (!entry || entry.state === "closed") return { allowed: true, probe: false };
      const now = clock.now();
      if (entry.state === "open") {
        const elapsed = now - entry.openedAt;
        if (elapsed < opts.openMs) return { allowed: false, reason: "circuit_open", retryAfterMs: opts.openMs - elapsed };
        entries.set(key, { state: "half_open", probeStartedAt: now });
        return { allowed: true, probe: true };
      }
      const probeAge = now - entry.probeStartedAt;
      if (probeAge < probeTimeoutMs) return { allowed: false, reason: "probe_in_flight", retryAfterMs: probeTimeoutMs - probeAge };
      entries.set(key, { state: "half_open", probeStartedAt: now });
      return { allowed: true, probe: true };
    },
    record(key, ok) {
      const entry = entries.get(key);
      if (entry?.state === "open") return;
      if (ok) {
        entries.delete(key);
        return;
      }
      if (entry?.state === "half_open") {
        entries.set(key, { state: "open", openedAt: clock.now() });
        return;
      }
      const failures = (entry?.failures ?? 0) + 1;
      entries.set(key, failures >= opts.failureThreshold ? { state: "open", openedAt: clock.now() } : { state: "closed", failures });
    },
    state(key) {
      return entries.get(key)?.state ?? "closed";
    },
  };
}
