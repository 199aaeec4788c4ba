// Team management for one org: invitations, roles, removal. All queries go
// through the scoped client; owner invariants are enforced here, not in UI.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/server/db/client";
import type { Role } from "@/server/db/generated/enums";
import { newId } from "@/server/db/ids";
import { AegisError, forbidden, notFound } from "@/server/errors";
import { canAssignRole } from "@/server/auth/permissions";
import { recordActivity } from "@/server/orgs/activity";

export const INVITE_TTL_MS = 7 * 24 * 3600_000;
export const hashInviteToken = (t: string) => createHash("sha256").update(t).digest("hex");

export async function listMembers(sdb: Db) {
  const rows = await sdb.membership.findMany({
    include: { user: { select: { email: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => ({ id: m.id, userId: m.userId, email: m.user.email, name: m.user.name, role: m.role, joinedAt: m.createdAt }));
}

export async function listPendingInvitations(sdb: Db) {
  const rows = await sdb.invitation.findMany({
    where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt, createdAt: i.createdAt }));
}

export async function createInvitation(
  sdb: Db,
  p: { orgId: string; actorId: string; actorRole: Role; email: string; role: Role },
) {
  if (!canAssignRole(p.actorRole, p.role)) throw forbidden(`A ${p.actorRole} cannot invite an ${p.role}`);
  const already = await sdb.membership.findFirst({ where: { user: { email: p.email } } });
  if (already) throw new AegisError("CONFLICT", `${p.email} is already a member`);
  const token = randomBytes(24).toString("base64url");
  const id = newId("inv");
  const expiresAt = new Date(Date.now() + INVITE_TTL_MS);
  await sdb.$transaction(async (tx) => {
    // A new invitation for the same email replaces the older pending one.
    await tx.invitation.updateMany({ where: { email: p.email, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    await tx.invitation.create({
      data: { id, orgId: p.orgId, email: p.email, role: p.role, tokenHash: hashInviteToken(token), invitedById: p.actorId, expiresAt },
    });
    await recordActivity(tx, { orgId: p.orgId, actorId: p.actorId, action: "member.invited", target: id, meta: { email: p.email, role: p.role } });
  });
  return { id, token, expiresAt };
}

export async function revokeInvitation(sdb: Db, p: { orgId: string; actorId: string; invitationId: string }) {
  await sdb.$transaction(async (tx) => {
    const inv = await tx.invitation.findFirst({ where: { id: p.invitationId, acceptedAt: null, revokedAt: null } });
    if (!inv) throw notFound("Invitation");
    await tx.invitation.update({ where: { id: inv.id }, data: { revokedAt: new Date() } });
    await recordActivity(tx, { orgId: p.orgId, actorId: p.actorId, action: "member.invitation_revoked", target: inv.id });
  });
}

async function countOwners(tx: Pick<Db, "membership">): Promise<number> {
  return tx.membership.count({ where: { role: "owner" } });
}

export async function changeMemberRole(
  sdb: Db,
  p: { orgId: string; actorId: string; actorRole: Role; membershipId: string; role: Role },
) {
  return sdb.$transaction(async (tx) => {
    const m = await tx.membership.findFirst({ where: { id: p.membershipId } });
    if (!m) throw notFound("Member");
    if (!canAssignRole(p.actorRole, p.role) || (m.role === "owner" && p.actorRole !== "owner")) {
      throw forbidden(`A ${p.actorRole} cannot change this member to ${p.role}`);
    }
    if (m.role === "owner" && p.role !== "owner" && (await countOwners(tx)) <= 1) {
      throw new AegisError("CONFLICT", "An organization needs at least one owner");
    }
    await tx.membership.update({ where: { id: m.id }, data: { role: p.role } });
    await recordActivity(tx, { orgId: p.orgId, actorId: p.actorId, action: "member.role_changed", target: m.userId, meta: { from: m.role, to: p.role } });
    return { id: m.id, role: p.role };
  });
}

export async function removeMember(sdb: Db, p: { orgId: string; actorId: string; actorRole: Role; membershipId: string }) {
  await sdb.$transaction(async (tx) => {
    const m = await tx.membership.findFirst({ where: { id: p.membershipId } });
    if (!m) throw notFound("Member");
    if (m.role === "owner" && p.actorRole !== "owner") throw forbidden("Only an owner can remove an owner");
    if (m.role === "owner" && (await countOwners(tx)) <= 1) throw new AegisError("CONFLICT", "An organization needs at least one owner");
    await tx.membership.delete({ where: { id: m.id } });
    await recordActivity(tx, { orgId: p.orgId, actorId: p.actorId, action: "member.removed", target: m.userId });
  });
}
