import { describe, expect, it } from "vitest";
import { FRESH_MS, MAX_STALE_MS, SwrCache } from "@/server/gateway/config-cache";

function harness(probe?: (key: string, current: number) => Promise<boolean>) {
  let t = 0;
  let version = 1;
  let loads = 0;
  let fail = false;
  const cache = new SwrCache<string, number>(
    async () => {
      loads++;
      if (fail) throw new Error("database down");
      return version;
    },
    () => t,
    100,
    probe,
  );
  return {
    cache,
    advance: (ms: number) => void (t += ms),
    setVersion: (v: number) => void (version = v),
    setFail: (f: boolean) => void (fail = f),
    loads: () => loads,
  };
}
const settle = () => new Promise((r) => setImmediate(r));

describe("SwrCache", () => {
  it("serves fresh entries, refreshes stale ones in the background, and waits past the staleness bound", async () => {
    const h = harness();
    expect(await h.cache.get("k")).toBe(1);
    h.setVersion(2);
    h.advance(FRESH_MS - 1);
    expect(await h.cache.get("k")).toBe(1);
    expect(h.loads()).toBe(1);
    h.advance(2);
    expect(await h.cache.get("k")).toBe(1); // stale: served, refresh started
    await settle();
    expect(await h.cache.get("k")).toBe(2);
    h.setVersion(3);
    h.advance(MAX_STALE_MS);
    expect(await h.cache.get("k")).toBe(3); // past the bound: waits for the load
  });

  it("with a probe, keeps the entry when the probe says it is current and reloads when it is not", async () => {
    let probes = 0;
    let current = true;
    const h = harness(async () => {
      probes++;
      return current;
    });
    await h.cache.get("k");
    h.advance(FRESH_MS + 1);
    await h.cache.get("k");
    await settle();
    expect([probes, h.loads()]).toEqual([1, 1]);
    // The probe renewed it: fresh again for FRESH_MS.
    h.advance(FRESH_MS - 2);
    await h.cache.get("k");
    expect(probes).toBe(1);
    h.advance(3);
    current = false;
    h.setVersion(7);
    await h.cache.get("k");
    await settle();
    expect(h.loads()).toBe(2);
    expect(await h.cache.get("k")).toBe(7);
  });

  it("fails closed past the staleness bound when loading fails, and retries a failed background refresh", async () => {
    const h = harness();
    await h.cache.get("k");
    h.setFail(true);
    h.advance(FRESH_MS + 1);
    expect(await h.cache.get("k")).toBe(1);
    await settle();
    // The failed refresh is not remembered: the next stale read tries again.
    await h.cache.get("k");
    await settle();
    expect(h.loads()).toBe(3);
    h.advance(MAX_STALE_MS);
    await expect(h.cache.get("k")).rejects.toThrow(/database down/);
    h.setFail(false);
    expect(await h.cache.get("k")).toBe(1);
  });
});
