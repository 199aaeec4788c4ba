// Rules: draft editing, publish with diff, version history and rollback,
// simulation, and the org's own OPA policy. Each procedure parses its input and
// calls one function in server/rules.
import { can, orgProcedure, router } from "@/server/api/trpc";
import {
  addDraftRule, discardDraft, getDraft, getVersionOrThrow, listVersions, publishRules, removeDraftRule, rollbackRules, saveDraft,
  ZAddRuleInput, ZPublishInput, ZRemoveRuleInput, ZRollbackInput, ZSaveDraftInput, ZVersionInput, ZVersionsInput,
} from "@/server/rules/rule-sets";
import { simulateDraft, ZSimulateInput } from "@/server/rules/simulate-draft";
import { decodeWasmBase64, getCustomPolicy, removeCustomPolicy, uploadCustomPolicy, ZUploadCustomPolicyInput } from "@/server/rules/custom-policy";
import { getPolicyEngine } from "@/server/rules/engine";

export const rulesRouter = router({
  draft: orgProcedure.use(can("rules.read")).query(({ ctx }) => getDraft(ctx.sdb)),

  saveDraft: orgProcedure
    .use(can("rules.write"))
    .input(ZSaveDraftInput)
    .mutation(({ ctx, input }) => saveDraft(ctx.sdb, { orgId: ctx.org.id, actorId: ctx.user.id, rules: input.rules })),

  addRule: orgProcedure
    .use(can("rules.write"))
    .input(ZAddRuleInput)
    .mutation(({ ctx, input }) => addDraftRule(ctx.sdb, { orgId: ctx.org.id, actorId: ctx.user.id, rule: input.rule })),

  removeRule: orgProcedure
    .use(can("rules.write"))
    .input(ZRemoveRuleInput)
    .mutation(({ ctx, input }) => removeDraftRule(ctx.sdb, { orgId: ctx.org.id, actorId: ctx.user.id, ruleId: input.ruleId })),

  discardDraft: orgProcedure.use(can("rules.write")).mutation(({ ctx }) => discardDraft(ctx.sdb, { orgId: ctx.org.id, actorId: ctx.user.id })),

  publish: orgProcedure
    .use(can("rules.publish"))
    .input(ZPublishInput)
    .mutation(({ ctx, input }) => publishRules(ctx.sdb, { orgId: ctx.org.id, actorId: ctx.user.id, note: input.note || undefined })),

  rollback: orgProcedure
    .use(can("rules.publish"))
    .input(ZRollbackInput)
    .mutation(({ ctx, input }) => rollbackRules(ctx.sdb, { orgId: ctx.org.id, actorId: ctx.user.id, version: input.version, note: input.note || undefined })),

  versions: orgProcedure.use(can("rules.read")).input(ZVersionsInput).query(({ ctx, input }) => listVersions(ctx.sdb, input)),

  version: orgProcedure.use(can("rules.read")).input(ZVersionInput).query(({ ctx, input }) => getVersionOrThrow(ctx.sdb, input.version)),

  // A mutation only because a pasted input can be large (no URL length limit); it writes nothing.
  simulate: orgProcedure
    .use(can("rules.write"))
    .input(ZSimulateInput)
    .mutation(async ({ ctx, input }) => simulateDraft(ctx.sdb, await getPolicyEngine(), { ownerRelaxations: ctx.org.ownerRelaxations, input })),

  customPolicy: orgProcedure.use(can("rules.read")).query(({ ctx }) => getCustomPolicy(ctx.sdb)),

  uploadCustomPolicy: orgProcedure
    .use(can("rules.publish"))
    .input(ZUploadCustomPolicyInput)
    .mutation(({ ctx, input }) => uploadCustomPolicy(ctx.sdb, { orgId: ctx.org.id, actorId: ctx.user.id, bytes: decodeWasmBase64(input.wasmBase64) })),

  removeCustomPolicy: orgProcedure.use(can("rules.publish")).mutation(({ ctx }) => removeCustomPolicy(ctx.sdb, { orgId: ctx.org.id, actorId: ctx.user.id })),
});
