import { z } from "zod";
import { authedProcedure, can, orgProcedure, publicProcedure, router } from "@/server/api/trpc";
import { getEnv } from "@/server/env";
import { sendMail } from "@/server/email/send";
import { acceptInvitation, describeInvitation } from "@/server/members/accept-invitation";
import { changeMemberRole, createInvitation, listMembers, listPendingInvitations, removeMember, revokeInvitation } from "@/server/members/members";
import { ZEmail } from "@/server/orgs/schemas";
import { invitationEmail } from "@/emails/invitation";

const ZRole = z.enum(["owner", "admin", "analyst", "viewer"]);
const ZToken = z.string().min(16).max(128);

function publicUrl(req: { origin?: string }): string {
  return getEnv().AEGIS_PUBLIC_URL ?? req.origin ?? `http://localhost:${getEnv().PORT}`;
}

export const membersRouter = router({
  list: orgProcedure.use(can("members.read")).query(async ({ ctx }) => ({
    members: await listMembers(ctx.sdb),
    invitations: await listPendingInvitations(ctx.sdb),
  })),

  invite: orgProcedure
    .use(can("members.invite"))
    .input(z.object({ email: ZEmail, role: ZRole }))
    .mutation(async ({ ctx, input }) => {
      const inv = await createInvitation(ctx.sdb, {
        orgId: ctx.org.id, actorId: ctx.user.id, actorRole: ctx.membership.role, email: input.email, role: input.role,
      });
      const link = `${publicUrl({})}/invite/${inv.token}`;
      const mail = invitationEmail({ orgName: ctx.org.name, inviterEmail: ctx.user.email, role: input.role, link, expiresAt: inv.expiresAt });
      const emailed = await sendMail({ to: input.email, ...mail });
      // Without mail configured the inviter sees the link once and passes it on.
      return { id: inv.id, emailed, link: emailed ? null : link, expiresAt: inv.expiresAt };
    }),

  revokeInvitation: orgProcedure
    .use(can("members.invite"))
    .input(z.object({ invitationId: z.string().min(1).max(64) }))
    .mutation(async ({ ctx, input }) => {
      await revokeInvitation(ctx.sdb, { orgId: ctx.org.id, actorId: ctx.user.id, invitationId: input.invitationId });
      return { ok: true };
    }),

  changeRole: orgProcedure
    .use(can("members.update_role"))
    .input(z.object({ membershipId: z.string().min(1).max(64), role: ZRole }))
    .mutation(({ ctx, input }) =>
      changeMemberRole(ctx.sdb, { orgId: ctx.org.id, actorId: ctx.user.id, actorRole: ctx.membership.role, ...input }),
    ),

  remove: orgProcedure
    .use(can("members.remove"))
    .input(z.object({ membershipId: z.string().min(1).max(64) }))
    .mutation(async ({ ctx, input }) => {
      await removeMember(ctx.sdb, { orgId: ctx.org.id, actorId: ctx.user.id, actorRole: ctx.membership.role, ...input });
      return { ok: true };
    }),

  describeInvitation: publicProcedure.input(z.object({ token: ZToken })).query(({ ctx, input }) => describeInvitation(ctx.db, input.token)),

  acceptInvitation: authedProcedure
    .input(z.object({ token: ZToken }))
    .mutation(({ ctx, input }) => acceptInvitation(ctx.db, { token: input.token, userId: ctx.user.id, userEmail: ctx.user.email })),
});
