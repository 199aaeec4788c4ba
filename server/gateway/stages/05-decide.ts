// Stage 5 — decision: ALLOW, MONITOR (allow and flag), THROTTLE, ESCALATE
// (a pending approval for a human), BLOCK. Shadow mode records what would have
// happened (decision SHADOW_<X>) and forwards anyway. In block_high_risk
// degraded mode, requests at or above the risk threshold are blocked. An
// ESCALATE retried with a valid signed intent (x-aegis-intent) for exactly this
// call is let through once (rule id intent.<approval id>); a bad intent is a 403.
import type { Stage } from "@/server/gateway/pipeline";
import { newId } from "@/server/db/ids";
import { forOrg } from "@/server/db/scoped";
import type { Decision, GatewayContext, Stop } from "@/server/gateway/types";
import type { GatewayDeps } from "@/server/gateway/deps";
import { INTENT_HEADER, redeemIntent } from "@/server/intents/redeem";
import { subjectHash, subjectOf } from "@/server/intents/subject";
import { notifyApprovers } from "@/server/approvals/notify";
import { log } from "@/server/log/logger";

async function createApproval(ctx: GatewayContext, deps: GatewayDeps): Promise<{ id: string; expiresAt: Date }> {
  const org = ctx.org;
  if (!org) throw new Error("approval without org");
  const id = newId("apr");
  const subject = subjectOf(ctx);
  const expiresAt = new Date(deps.now() + deps.options.approvalTtlMs);
  await forOrg(deps.db, org.orgId).approval.create({
    data: {
      id, orgId: org.orgId, requestId: ctx.requestId, agent: ctx.caller?.agent ?? null,
      subject: subject as never, subjectHash: subjectHash(subject),
      reason: { reasons: ctx.policy?.reasons ?? [], findings: ctx.findings.map(({ category, rule_id, score, location }) => ({ category, rule_id, score, location })), risk: ctx.risk } as never,
      expiresAt,
    },
  });
  return { id, expiresAt };
}

/** Fire and forget: the approvers' email never delays or fails the escalated call. */
function notify(ctx: GatewayContext, deps: GatewayDeps, approval: { id: string; expiresAt: Date }): void {
  const org = ctx.org;
  if (!org) return;
  const what = ctx.action
    ? `${ctx.action.tool}.${ctx.action.action}${ctx.action.resource ? ` ${ctx.action.resource}` : ""}`
    : `${ctx.method} ${ctx.alias ?? ""}${ctx.upstreamPath}`;
  void notifyApprovers(deps.db, {
    orgId: org.orgId, orgSlug: org.slug, approvalId: approval.id, agent: ctx.caller?.agent ?? null, what: what.slice(0, 300),
    reasons: (ctx.policy?.reasons ?? []).map((r) => `${r.rule_id}: ${r.message}`.slice(0, 300)).slice(0, 5),
    risk: ctx.risk, expiresAt: approval.expiresAt,
  }).catch((err: unknown) => log.warn("approval notification failed", { request_id: ctx.requestId, org_id: org.orgId, err }));
}

export const decideStage: Stage = {
  name: "decide",
  async run(ctx, deps) {
    const policy = ctx.policy;
    if (!policy || !ctx.org) return "continue";
    let decision: Decision = policy.decision;
    ctx.ruleIds = [...new Set([...policy.reasons.map((r) => r.rule_id), ...policy.baseline_hits])];
    const primary = policy.reasons[0];
    let message = primary?.message ?? "";
    let forcedRule: string | undefined;
    if (ctx.degraded.some((d) => d.endsWith(":block_high_risk")) && ctx.risk >= deps.options.degradedRiskThreshold && decision !== "BLOCK") {
      decision = "BLOCK";
      message = `Quota store unreachable and risk ${ctx.risk} ≥ ${deps.options.degradedRiskThreshold} (degraded mode block_high_risk)`;
      forcedRule = "degraded.block_high_risk";
      ctx.ruleIds.push(forcedRule);
    }
    if (ctx.org.shadowMode && decision !== "ALLOW" && decision !== "MONITOR") {
      ctx.shadow = { decision, stage: "decide" };
      ctx.decision = "MONITOR";
      return "continue";
    }
    ctx.decision = decision;
    if (decision === "ALLOW" || decision === "MONITOR") return "continue";
    const ruleId = forcedRule ?? primary?.rule_id ?? ctx.ruleIds[0];
    const stop: Stop = { decision, status: 403, code: "BLOCKED", message: message || "Blocked by policy", ruleId };
    if (decision === "THROTTLE") Object.assign(stop, { status: 429, code: "THROTTLED", message: message || "Throttled by policy", headers: { "retry-after": "1" } });
    if (decision === "ESCALATE") {
      const intent = ctx.headers[INTENT_HEADER];
      if (intent) {
        const redeemed = await redeemIntent(ctx, deps, intent);
        if (!redeemed.ok) return { decision: "BLOCK", status: redeemed.status, code: redeemed.code, message: redeemed.message, ruleId: "intent.rejected" };
        ctx.decision = "ALLOW";
        ctx.ruleIds.push(`intent.${redeemed.approvalId}`);
        return "continue";
      }
      const approval = await createApproval(ctx, deps);
      ctx.approvalId = approval.id;
      notify(ctx, deps, approval);
      Object.assign(stop, {
        status: 202, code: "ESCALATED", message: message || "This request needs a human approval",
        extra: { approval_id: ctx.approvalId, retry_with_header: "x-aegis-intent" },
      });
    }
    return stop;
  },
};
