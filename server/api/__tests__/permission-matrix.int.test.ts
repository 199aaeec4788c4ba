// Walks the whole permission matrix: every org procedure × every role.
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import { ROLES, can } from "@/server/auth/permissions";
import { addMember, callerFor, createTestOrg, getTestDb } from "@/server/testing/db";
import { PROCEDURE_CASES, invoke, type TargetIds } from "@/server/api/__tests__/procedure-cases";

const procedurePaths = Object.keys(appRouter._def.procedures);

describe("permission matrix", () => {
  let org: Awaited<ReturnType<typeof createTestOrg>>;
  const members: Record<string, { id: string; email: string }> = {};
  let targets: TargetIds;

  beforeAll(async () => {
    getTestDb();
    org = await createTestOrg();
    for (const role of ROLES) {
      const m = await addMember(org.orgId, role);
      members[role] = { id: m.userId, email: m.email };
    }
    const victim = await addMember(org.orgId, "viewer");
    targets = { membershipId: victim.membershipId, keyId: org.apiKeyId, invitationId: "inv_missing", upstreamId: "ups_missing", agentId: "agt_missing", approvalId: "apr_missing" };
  });

  it("lists every procedure of the app router", () => {
    expect(procedurePaths.sort()).toEqual(Object.keys(PROCEDURE_CASES).sort());
  });

  const orgCases = Object.entries(PROCEDURE_CASES).filter(([, c]) => c.access.kind === "org");
  for (const role of ROLES) {
    for (const [path, c] of orgCases) {
      if (c.access.kind !== "org") continue;
      const permission = c.access.permission;
      const allowed = can(role, permission);
      it(`${role} ${allowed ? "may" : "may not"} call ${path} (${permission})`, async () => {
        // Fresh targets for destructive calls so one role's success does not
        // turn the next role's call into NOT_FOUND.
        const t = { ...targets };
        if (path === "members.remove" || path === "members.changeRole") t.membershipId = (await addMember(org.orgId, "viewer")).membershipId;
        const user = members[role]!;
        const outcome = await invoke(callerFor(user, org.orgSlug), path, c.input(t)).then(
          () => "ok" as const,
          (e: unknown) => e,
        );
        if (allowed) {
          if (outcome !== "ok") {
            expect(outcome).toBeInstanceOf(TRPCError);
            expect((outcome as TRPCError).message).not.toMatch(/Missing permission/);
          }
        } else {
          expect(outcome).toBeInstanceOf(TRPCError);
          expect((outcome as TRPCError).code).toBe("FORBIDDEN");
          expect((outcome as TRPCError).message).toBe(`Missing permission: ${permission}`);
        }
      });
    }
  }

  it("refuses signed-out callers on every non-public procedure", async () => {
    for (const [path, c] of Object.entries(PROCEDURE_CASES)) {
      if (c.access.kind === "public") continue;
      const err = await invoke(callerFor(null, org.orgSlug), path, c.input(targets)).catch((e: unknown) => e);
      expect(err, path).toBeInstanceOf(TRPCError);
      expect((err as TRPCError).code, path).toBe("UNAUTHORIZED");
    }
  });

  it("refuses mutations without the same-origin CSRF proof", async () => {
    const owner = members.owner!;
    const err = await callerFor(owner, org.orgSlug, { isSameOrigin: false }).keys.create({ name: "csrf" }).catch((e: unknown) => e);
    expect((err as TRPCError).code).toBe("FORBIDDEN");
    expect((err as TRPCError).message).toMatch(/Cross-site/);
  });
});
