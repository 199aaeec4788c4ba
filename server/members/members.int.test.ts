// Team flows through the real tRPC procedures and database.
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { forOrg } from "@/server/db/scoped";
import { addMember, callerFor, createTestOrg, getTestDb, TEST_PASSWORD, uniqueEmail } from "@/server/testing/db";
import { createOrganizationWithOwner } from "@/server/orgs/create-org";

describe("team management", () => {
  let org: Awaited<ReturnType<typeof createTestOrg>>;
  let owner: { id: string; email: string };

  beforeAll(async () => {
    getTestDb();
    org = await createTestOrg("Team Org");
    owner = { id: org.userId, email: org.ownerEmail };
  });

  const tokenOf = (link: string | null) => (link ?? "").split("/invite/")[1] ?? "";

  it("invites, accepts once, changes the role and removes the member", async () => {
    const inviteeEmail = uniqueEmail("invitee");
    const inv = await callerFor(owner, org.orgSlug).members.invite({ email: inviteeEmail, role: "analyst" });
    expect(inv.emailed).toBe(false);
    expect(inv.link).toMatch(/\/invite\/[A-Za-z0-9_-]{20,}$/);
    const invitee = await createOrganizationWithOwner(getTestDb(), { orgName: "Own", owner: { email: inviteeEmail, password: TEST_PASSWORD }, mode: "signup" });
    const me = { id: invitee.userId, email: inviteeEmail };
    const described = await callerFor(null, null).members.describeInvitation({ token: tokenOf(inv.link) });
    expect(described).toMatchObject({ email: inviteeEmail, role: "analyst", state: "pending" });
    const accepted = await callerFor(me, null).members.acceptInvitation({ token: tokenOf(inv.link) });
    expect(accepted.orgSlug).toBe(org.orgSlug);
    const reuse = await callerFor(me, null).members.acceptInvitation({ token: tokenOf(inv.link) }).catch((e: unknown) => e);
    expect((reuse as TRPCError).code).toBe("CONFLICT");
    const { members } = await callerFor(owner, org.orgSlug).members.list();
    const m = members.find((x) => x.email === inviteeEmail);
    expect(m?.role).toBe("analyst");
    await callerFor(owner, org.orgSlug).members.changeRole({ membershipId: m?.id ?? "", role: "admin" });
    expect((await callerFor(me, org.orgSlug).org.current()).role).toBe("admin");
    await callerFor(owner, org.orgSlug).members.remove({ membershipId: m?.id ?? "" });
    const gone = await callerFor(me, org.orgSlug).org.current().catch((e: unknown) => e);
    expect((gone as TRPCError).code).toBe("NOT_FOUND");
  });

  it("refuses invitations for another email, expired ones and revoked ones", async () => {
    const target = uniqueEmail("target");
    const inv = await callerFor(owner, org.orgSlug).members.invite({ email: target, role: "viewer" });
    const stranger = await addMember((await createTestOrg()).orgId, "viewer");
    const wrongUser = await callerFor({ id: stranger.userId, email: stranger.email }, null).members.acceptInvitation({ token: tokenOf(inv.link) }).catch((e: unknown) => e);
    expect((wrongUser as TRPCError).code).toBe("FORBIDDEN");
    await forOrg(getTestDb(), org.orgId).invitation.updateMany({ where: { id: inv.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await callerFor(null, null).members.describeInvitation({ token: tokenOf(inv.link) })).state).toBe("expired");
    const inv2 = await callerFor(owner, org.orgSlug).members.invite({ email: target, role: "viewer" });
    await callerFor(owner, org.orgSlug).members.revokeInvitation({ invitationId: inv2.id });
    expect((await callerFor(null, null).members.describeInvitation({ token: tokenOf(inv2.link) })).state).toBe("revoked");
  });

  it("keeps at least one owner and stops admins from touching owners", async () => {
    const { members } = await callerFor(owner, org.orgSlug).members.list();
    const self = members.find((m) => m.userId === owner.id);
    const demote = await callerFor(owner, org.orgSlug).members.changeRole({ membershipId: self?.id ?? "", role: "admin" }).catch((e: unknown) => e);
    expect((demote as TRPCError).code).toBe("CONFLICT");
    const admin = await addMember(org.orgId, "admin");
    const asAdmin = callerFor({ id: admin.userId, email: admin.email }, org.orgSlug);
    expect(((await asAdmin.members.remove({ membershipId: self?.id ?? "" }).catch((e: unknown) => e)) as TRPCError).code).toBe("FORBIDDEN");
    expect(((await asAdmin.members.invite({ email: uniqueEmail(), role: "owner" }).catch((e: unknown) => e)) as TRPCError).code).toBe("FORBIDDEN");
  });

  it("refuses duplicate sign-ups and reports validation errors by field", async () => {
    const dup = await callerFor(null, null).auth.signUp({ email: org.ownerEmail, password: "Another-Good-Pass-7", orgName: "Dup" }).catch((e: unknown) => e);
    expect((dup as TRPCError).code).toBe("CONFLICT");
    const bad = await callerFor(null, null).auth.signUp({ email: "not-an-email", password: "x", orgName: "" } as never).catch((e: unknown) => e);
    expect((bad as TRPCError).code).toBe("BAD_REQUEST");
  });
});
