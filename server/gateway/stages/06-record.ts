// Stage 6 — record. Every decision, allowed or denied, becomes one audit event
// with its flight record, committed BEFORE anything is forwarded or answered:
// evidence precedes the side effect, so no upstream call ever happens without
// its record. (The issue lists record last; we run it right after the decision
// for that reason. Upstream outcome — status, bytes, usage, redactions — goes to
// the structured log and usage counters.) Fail-closed: if the audit store
// cannot commit, the request is refused with 503 and nothing is forwarded.
import type { GatewayContext } from "@/server/gateway/types";
import type { GatewayDeps } from "@/server/gateway/deps";
import { log } from "@/server/log/logger";
import { maskValue } from "@/server/inspection/dlp/patterns";
import { compactPolicyInput } from "@/server/rules/recorded-inputs";

export async function recordDecision(ctx: GatewayContext, deps: GatewayDeps): Promise<boolean> {
  const org = ctx.org;
  if (!org) return true; // no org (unauthenticated): logged, not chained to anyone's trail
  const decision = ctx.shadow ? `SHADOW_${ctx.shadow.decision}` : ctx.decision;
  const policyInput = compactPolicyInput(ctx);
  try {
    const { seq } = await deps.audit.append({
      orgId: org.orgId,
      requestId: ctx.requestId,
      ts: new Date(ctx.startedAt),
      agent: ctx.caller?.agent ?? null,
      ...(ctx.action ? { action: `${ctx.action.tool}.${ctx.action.action}`.slice(0, 512) } : { upstream: ctx.alias ?? "(none)" }),
      decision,
      stage: ctx.decidedBy,
      ruleIds: ctx.ruleIds,
      findings: ctx.findings.map(({ category, rule_id, score, location }) => ({ category, rule_id, score, location })),
      latencyUs: Math.round((performance.now() - ctx.startedAtPerf) * 1000),
      flight: {
        stages: ctx.flight,
        degraded: ctx.degraded,
        shadow: ctx.shadow,
        risk: ctx.risk,
        method: ctx.method,
        path: policyInput?.path ?? maskValue(ctx.upstreamPath.slice(0, 512)),
        via: ctx.caller?.via ?? null,
        approval_id: ctx.approvalId,
        reasons: ctx.policy?.reasons ?? [],
        // Compact and redacted, for replaying past traffic against a draft rule set (server/rules).
        policy_input: policyInput,
      },
    });
    ctx.auditSeq = seq;
    return true;
  } catch (err) {
    log.error("audit append failed; refusing the request", { request_id: ctx.requestId, org_id: org.orgId, err });
    return false;
  }
}
