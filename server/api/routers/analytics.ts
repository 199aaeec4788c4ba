import { can, orgProcedure, router } from "@/server/api/trpc";
import { getAnalytics, ZAnalyticsInput } from "@/server/audit-explorer/analytics";

export const analyticsRouter = router({
  summary: orgProcedure.use(can("analytics.read")).input(ZAnalyticsInput).query(({ ctx, input }) => getAnalytics(ctx.sdb, { orgId: ctx.org.id, input })),
});
