import { describe, expect, it } from "vitest";
import { createCircuitBreakers } from "@/server/proxy/circuit-breaker";
import { forwardRequest, UpstreamError } from "@/server/proxy/forward";
import { startTestServer } from "@/server/proxy/test-server";

function fakeClock(start = 1_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe("circuit breakers", () => {
  it("opens after N consecutive failures, reports retry-after, then admits one probe", () => {
    const clock = fakeClock();
    const b = createCircuitBreakers({ failureThreshold: 3, openMs: 10_000, clock });
    b.record("u1", false);
    b.record("u1", false);
    expect(b.check("u1")).toEqual({ allowed: true, probe: false });
    b.record("u1", false);
    expect(b.state("u1")).toBe("open");
    expect(b.check("u1")).toEqual({ allowed: false, reason: "circuit_open", retryAfterMs: 10_000 });
    expect(b.check("u2").allowed).toBe(true);
    clock.advance(4_000);
    expect(b.check("u1")).toEqual({ allowed: false, reason: "circuit_open", retryAfterMs: 6_000 });
    clock.advance(6_000);
    expect(b.check("u1")).toEqual({ allowed: true, probe: true });
    expect(b.state("u1")).toBe("half_open");
    expect(b.check("u1")).toMatchObject({ allowed: false, reason: "probe_in_flight" });
    b.record("u1", true);
    expect(b.state("u1")).toBe("closed");
    expect(b.check("u1")).toEqual({ allowed: true, probe: false });
  });

  it("a success resets the consecutive count", () => {
    const b = createCircuitBreakers({ failureThreshold: 2, openMs: 1_000, clock: fakeClock() });
    b.record("u", false);
    b.record("u", true);
    b.record("u", false);
    expect(b.state("u")).toBe("closed");
    b.record("u", false);
    expect(b.state("u")).toBe("open");
  });

  it("a failed probe re-opens for a full cool-down; a lost probe is replaced", () => {
    const clock = fakeClock();
    const b = createCircuitBreakers({ failureThreshold: 1, openMs: 1_000, probeTimeoutMs: 500, clock });
    b.record("u", false);
    clock.advance(1_000);
    expect(b.check("u")).toEqual({ allowed: true, probe: true });
    b.record("u", false);
    expect(b.check("u")).toEqual({ allowed: false, reason: "circuit_open", retryAfterMs: 1_000 });
    clock.advance(1_000);
    expect(b.check("u").allowed).toBe(true);
    clock.advance(499);
    expect(b.check("u").allowed).toBe(false);
    clock.advance(1);
    expect(b.check("u")).toEqual({ allowed: true, probe: true });
  });

  it("ignores late results recorded while open", () => {
    const clock = fakeClock();
    const b = createCircuitBreakers({ failureThreshold: 1, openMs: 1_000, clock });
    b.record("u", false);
    b.record("u", true);
    expect(b.state("u")).toBe("open");
  });

  it("trips on a real failing upstream and recovers", async () => {
    const clock = fakeClock();
    const b = createCircuitBreakers({ failureThreshold: 2, openMs: 5_000, clock });
    let isHealthy = false;
    const s = await startTestServer((_req, res) => res.writeHead(isHealthy ? 200 : 503).end());
    const call = async () => {
      const gateCheck = b.check("up");
      if (!gateCheck.allowed) return gateCheck.reason;
      try {
        const res = await forwardRequest({ upstream: { baseUrl: s.url, timeoutMs: 1_000, allowPrivate: true }, method: "GET", path: "/", headers: {} });
        b.record("up", res.status < 500);
        return res.status;
      } catch (err) {
        b.record("up", !(err instanceof UpstreamError));
        return "error";
      }
    };
    expect([await call(), await call(), await call()]).toEqual([503, 503, "circuit_open"]);
    isHealthy = true;
    clock.advance(5_000);
    expect([await call(), await call()]).toEqual([200, 200]);
    await s.close();
  });
});
