// Credentials sign-in as next-auth calls it: right password, wrong password,
// unknown user, and the lockout after repeated failures.
import { beforeAll, describe, expect, it } from "vitest";
import { setStoreForTests } from "@/server/adapters";
import { authorizeCredentials, clientIp } from "@/server/auth/next-auth";
import { LOCKOUT } from "@/server/auth/lockout";
import { createMemoryStore } from "@/server/store/memory";
import { createTestOrg, getTestDb, TEST_PASSWORD } from "@/server/testing/db";

describe("credentials sign-in", () => {
  let org: Awaited<ReturnType<typeof createTestOrg>>;

  beforeAll(async () => {
    getTestDb();
    setStoreForTests(createMemoryStore());
    org = await createTestOrg("Sign-in Org");
  });

  it("signs in with the right password, case-insensitively on the email", async () => {
    const user = await authorizeCredentials({ email: org.ownerEmail.toUpperCase(), password: TEST_PASSWORD }, "192.0.2.1");
    expect(user?.id).toBe(org.userId);
  });

  it("refuses wrong passwords and unknown users the same way", async () => {
    expect(await authorizeCredentials({ email: org.ownerEmail, password: "nope-nope-nope" }, "192.0.2.2")).toBeNull();
    expect(await authorizeCredentials({ email: "ghost@example.test", password: TEST_PASSWORD }, "192.0.2.2")).toBeNull();
    expect(await authorizeCredentials({ email: "not an email", password: "x" }, "192.0.2.2")).toBeNull();
  });

  it("locks the account after repeated failures, even with the right password", async () => {
    const victim = await createTestOrg("Lockout Org");
    for (let i = 0; i < LOCKOUT.maxPerAccount; i++) {
      expect(await authorizeCredentials({ email: victim.ownerEmail, password: `wrong-${i}-password` }, `198.51.100.${i}`)).toBeNull();
    }
    await expect(authorizeCredentials({ email: victim.ownerEmail, password: TEST_PASSWORD }, "198.51.100.99")).rejects.toThrow(/Too many failed sign-ins for this account/);
  });

  it("reads the client address from proxy headers", () => {
    expect(clientIp({ "x-forwarded-for": "203.0.113.9, 10.0.0.1" })).toBe("203.0.113.9");
    expect(clientIp(new Headers({ "x-real-ip": "203.0.113.10" }))).toBe("203.0.113.10");
    expect(clientIp(undefined)).toBe("unknown");
  });
});
