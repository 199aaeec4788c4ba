import { describe, expect, it } from "vitest";
import { createMemoryStore } from "@/server/store/memory";
import { isLockedOut, LOCKOUT, recordLoginFailure, clearLoginFailures } from "@/server/auth/lockout";

describe("in-process store", () => {
  it("implements set-if-absent, TTLs and counters", async () => {
    let t = 1_000;
    const s = createMemoryStore(() => t);
    expect(await s.set("k", "v", { nx: true, ttlMs: 100 })).toBe(true);
    expect(await s.set("k", "w", { nx: true })).toBe(false);
    expect(await s.get("k")).toBe("v");
    t += 101;
    expect(await s.get("k")).toBeNull();
    expect(await s.incrBy("c", 2, 50)).toBe(2);
    expect(await s.incrBy("c", 3, 50)).toBe(5);
    t += 51;
    expect(await s.incrBy("c", 1)).toBe(1);
  });

  it("locks an account after repeated failures and unlocks on success", async () => {
    const s = createMemoryStore();
    for (let i = 0; i < LOCKOUT.maxPerAccount; i++) await recordLoginFailure(s, "a@x.test", `10.0.0.${i}`);
    expect(await isLockedOut(s, "A@x.test", "10.9.9.9")).toMatch(/this account/);
    await clearLoginFailures(s, "a@x.test");
    expect(await isLockedOut(s, "a@x.test", "10.9.9.9")).toBeNull();
  });

  it("locks an IP that tries many accounts", async () => {
    const s = createMemoryStore();
    for (let i = 0; i < LOCKOUT.maxPerIp; i++) await recordLoginFailure(s, `u${i}@x.test`, "198.51.100.7");
    expect(await isLockedOut(s, "fresh@x.test", "198.51.100.7")).toMatch(/this address/);
  });
});
