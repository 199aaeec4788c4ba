// Approvals: the ESCALATE decisions waiting for a human. Reading them shows
// request evidence, so it needs audit.read; deciding needs approvals.decide.
import { z } from "zod";
import { can, orgProcedure, router } from "@/server/api/trpc";
import { decideApproval, getApprovalOrThrow, listApprovals, ZDecideApprovalInput, ZListApprovalsInput } from "@/server/approvals/approvals";
import { getKeyring } from "@/server/secrets/keyring";

export const approvalsRouter = router({
  list: orgProcedure.use(can("audit.read")).input(ZListApprovalsInput).query(({ ctx, input }) => listApprovals(ctx.sdb, input)),

  get: orgProcedure
    .use(can("audit.read"))
    .input(z.object({ approvalId: z.string().min(1).max(64) }))
    .query(({ ctx, input }) => getApprovalOrThrow(ctx.sdb, input.approvalId)),

  decide: orgProcedure
    .use(can("approvals.decide"))
    .input(ZDecideApprovalInput)
    .mutation(({ ctx, input }) => decideApproval(ctx.sdb, getKeyring(), { orgId: ctx.org.id, actorId: ctx.user.id, input })),
});
