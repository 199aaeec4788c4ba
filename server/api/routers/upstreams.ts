import { z } from "zod";
import { can, orgProcedure, router } from "@/server/api/trpc";
import { getKeyring } from "@/server/secrets/keyring";
import { createUpstream, listUpstreams, removeUpstream, ZCreateUpstreamInput } from "@/server/upstreams/upstreams";

export const upstreamsRouter = router({
  list: orgProcedure.use(can("upstreams.read")).query(({ ctx }) => listUpstreams(ctx.sdb)),

  create: orgProcedure
    .use(can("upstreams.write"))
    .input(ZCreateUpstreamInput)
    .mutation(({ ctx, input }) => createUpstream(ctx.sdb, getKeyring(), { orgId: ctx.org.id, actorId: ctx.user.id, input })),

  remove: orgProcedure
    .use(can("upstreams.write"))
    .input(z.object({ upstreamId: z.string().min(1).max(64) }))
    .mutation(({ ctx, input }) => removeUpstream(ctx.sdb, { orgId: ctx.org.id, actorId: ctx.user.id, ref: input.upstreamId })),
});
