import { z } from "zod";
import { can, orgProcedure, router } from "@/server/api/trpc";
import { ROLE_PERMISSIONS } from "@/server/auth/permissions";
import { ZOrgName } from "@/server/orgs/schemas";
import { recordActivity } from "@/server/orgs/activity";
import { bumpConfigVersion } from "@/server/orgs/config-version";

export const ZUpdateOrgInput = z.object({
  name: ZOrgName.optional(),
  shadowMode: z.boolean().optional(),
  degradedMode: z.enum(["block_all", "block_high_risk", "allow_with_audit"]).optional(),
});

export const orgRouter = router({
  current: orgProcedure.use(can("org.read")).query(({ ctx }) => ({
    id: ctx.org.id,
    name: ctx.org.name,
    slug: ctx.org.slug,
    shadowMode: ctx.org.shadowMode,
    degradedMode: ctx.org.degradedMode,
    role: ctx.membership.role,
    permissions: [...ROLE_PERMISSIONS[ctx.membership.role]],
  })),

  update: orgProcedure
    .use(can("org.update"))
    .input(ZUpdateOrgInput)
    .mutation(async ({ ctx, input }) => {
      await ctx.sdb.$transaction(async (tx) => {
        await tx.organization.update({ where: { id: ctx.org.id }, data: input });
        await bumpConfigVersion(tx, ctx.org.id);
        await recordActivity(tx, { orgId: ctx.org.id, actorId: ctx.user.id, action: "org.updated", meta: input });
      });
      return { ok: true };
    }),

  activity: orgProcedure
    .use(can("audit.read"))
    .input(z.object({ limit: z.number().int().min(1).max(200).default(50) }).default({ limit: 50 }))
    .query(({ ctx, input }) =>
      ctx.sdb.activityEvent.findMany({ orderBy: { createdAt: "desc" }, take: input.limit }),
    ),
});
