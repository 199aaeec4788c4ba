import { z } from "zod";
import { can, orgProcedure, router } from "@/server/api/trpc";
import { listAgentIdentities, registerAgentIdentity, revokeAgentIdentity, ZAgentIdentityInput } from "@/server/agents/agents";

export const agentsRouter = router({
  list: orgProcedure.use(can("keys.read")).query(({ ctx }) => listAgentIdentities(ctx.sdb)),

  register: orgProcedure
    .use(can("keys.create"))
    .input(ZAgentIdentityInput)
    .mutation(({ ctx, input }) => registerAgentIdentity(ctx.sdb, { orgId: ctx.org.id, actorId: ctx.user.id, input })),

  revoke: orgProcedure
    .use(can("keys.revoke"))
    .input(z.object({ agentId: z.string().min(1).max(64) }))
    .mutation(({ ctx, input }) => revokeAgentIdentity(ctx.sdb, { orgId: ctx.org.id, actorId: ctx.user.id, ref: input.agentId })),
});
