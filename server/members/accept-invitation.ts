// Accepting an invitation happens before the invitee belongs to the org, so it
// is keyed by the secret token, not by a membership. Works once, before expiry,
// for the invited email only.
import type { Db } from "@/server/db/client";
import { newId } from "@/server/db/ids";
import { forOrg } from "@/server/db/scoped";
import { AegisError } from "@/server/errors";
import { hashInviteToken } from "@/server/members/members";
import { recordActivity } from "@/server/orgs/activity";

export async function describeInvitation(db: Db, token: string) {
  const inv = await db.invitation.findUnique({ where: { tokenHash: hashInviteToken(token) }, include: { org: true } });
  if (!inv) throw new AegisError("NOT_FOUND", "This invitation link is not valid");
  const state = inv.acceptedAt ? "accepted" : inv.revokedAt ? "revoked" : inv.expiresAt < new Date() ? "expired" : "pending";
  return { orgName: inv.org.name, orgSlug: inv.org.slug, email: inv.email, role: inv.role, state, expiresAt: inv.expiresAt };
}

export async function acceptInvitation(db: Db, p: { token: string; userId: string; userEmail: string }) {
  const inv = await db.invitation.findUnique({ where: { tokenHash: hashInviteToken(p.token) } });
  if (!inv) throw new AegisError("NOT_FOUND", "This invitation link is not valid");
  if (inv.acceptedAt) throw new AegisError("CONFLICT", "This invitation was already used");
  if (inv.revokedAt) throw new AegisError("CONFLICT", "This invitation was revoked");
  if (inv.expiresAt < new Date()) throw new AegisError("CONFLICT", "This invitation has expired; ask for a new one");
  if (inv.email !== p.userEmail.toLowerCase()) {
    throw new AegisError("FORBIDDEN", `This invitation is for ${inv.email}; sign in with that email`);
  }
  const sdb = forOrg(db, inv.orgId);
  const org = await db.organization.findUniqueOrThrow({ where: { id: inv.orgId }, select: { slug: true } });
  await sdb.$transaction(async (tx) => {
    // Conditional update: two concurrent accepts cannot both succeed.
    const used = await tx.invitation.updateMany({ where: { id: inv.id, acceptedAt: null }, data: { acceptedAt: new Date() } });
    if (used.count !== 1) throw new AegisError("CONFLICT", "This invitation was already used");
    const existing = await tx.membership.findFirst({ where: { userId: p.userId } });
    if (!existing) await tx.membership.create({ data: { id: newId("mem"), orgId: inv.orgId, userId: p.userId, role: inv.role } });
    await recordActivity(tx, { orgId: inv.orgId, actorId: p.userId, action: "member.joined", target: p.userId, meta: { role: inv.role } });
  });
  return { orgId: inv.orgId, orgSlug: org.slug };
}
