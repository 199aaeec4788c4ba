// Test helpers: the per-run database (see global-setup.ts) and factories.
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { createDb, type Db } from "@/server/db/client";
import { publishResolvedEnv } from "@/server/env";
import type { Role } from "@/server/db/generated/enums";
import { newId } from "@/server/db/ids";
import { forOrg } from "@/server/db/scoped";
import { hashPassword } from "@/server/auth/password";
import { createOrganizationWithOwner } from "@/server/orgs/create-org";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";
import type { Context } from "@/server/api/context";

let db: Db | undefined;

export function testDatabaseUrl(): string {
  return inject("databaseUrl");
}

/** The shared client for this test file; also makes getDb() use the test database. */
export function getTestDb(): Db {
  if (!db) {
    // A fixed, test-only key-encryption key (32 zero-ish bytes, never used outside tests).
    publishResolvedEnv({ DATABASE_URL: testDatabaseUrl(), AEGIS_KEK: Buffer.alloc(32, 7).toString("base64"), AEGIS_KEK_ID: "test" });
    db = createDb(testDatabaseUrl());
  }
  return db;
}

export const uniqueEmail = (tag = "user") => `${tag}-${randomBytes(5).toString("hex")}@example.test`;
export const TEST_PASSWORD = "Correct-Horse-9-battery";

export async function createTestOrg(name = "Org " + randomBytes(3).toString("hex")) {
  const email = uniqueEmail("owner");
  const created = await createOrganizationWithOwner(getTestDb(), {
    orgName: name,
    owner: { email, password: TEST_PASSWORD },
    mode: "signup",
  });
  return { ...created, ownerEmail: email };
}

let cachedHash: Promise<string> | undefined;

/** Adds a new user with `role` to the org (bypassing invitations). */
export async function addMember(orgId: string, role: Role) {
  const dbc = getTestDb();
  const email = uniqueEmail(role);
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const user = await dbc.user.create({ data: { id: newId("usr"), email, passwordHash: await cachedHash } });
  const m = await forOrg(dbc, orgId).membership.create({ data: { id: newId("mem"), orgId, userId: user.id, role } });
  return { userId: user.id, email, membershipId: m.id };
}

const createCaller = createCallerFactory(appRouter);

/** A tRPC caller acting as `user` in the org named `orgSlug` (same-origin). */
export function callerFor(user: { id: string; email: string } | null, orgSlug: string | null, opts: Partial<Context> = {}) {
  return createCaller({
    db: getTestDb(),
    user,
    unverifiedOrgSlug: orgSlug,
    requestId: "test-" + randomBytes(4).toString("hex"),
    isSameOrigin: true,
    ip: "203.0.113." + (1 + Math.floor(Math.random() * 200)),
    ...opts,
  });
}
