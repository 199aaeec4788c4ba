import { can, orgProcedure, router } from "@/server/api/trpc";
import { listQuotas, setQuota, ZQuotaInput } from "@/server/quota/quota-policies";

export const quotasRouter = router({
  list: orgProcedure.use(can("quotas.read")).query(({ ctx }) => listQuotas(ctx.sdb)),

  set: orgProcedure
    .use(can("quotas.write"))
    .input(ZQuotaInput)
    .mutation(({ ctx, input }) => setQuota(ctx.sdb, { orgId: ctx.org.id, actorId: ctx.user.id, input })),
});
