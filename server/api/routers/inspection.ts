import { can, orgProcedure, router } from "@/server/api/trpc";
import { getInspectionSettings, updateInspectionSettings, ZUpdateInspectionInput } from "@/server/inspection-settings/settings";

export const inspectionRouter = router({
  settings: orgProcedure.use(can("rules.read")).query(({ ctx }) => getInspectionSettings(ctx.sdb, ctx.org.id)),

  update: orgProcedure
    .use(can("rules.write"))
    .input(ZUpdateInspectionInput)
    .mutation(({ ctx, input }) => updateInspectionSettings(ctx.sdb, { orgId: ctx.org.id, actorId: ctx.user.id, input })),
});
