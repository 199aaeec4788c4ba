// Stage 4 — policy: the platform Rego (compiled to wasm, evaluated in-process)
// turns the request or action, findings, risk, agent and the org's published
// rules into a decision with reasons; an org's own policy can only tighten it.
// Fail-closed: an evaluation error blocks (503).
import type { Stage } from "@/server/gateway/pipeline";
import { log } from "@/server/log/logger";

export const policyStage: Stage = {
  name: "policy",
  async run(ctx, deps) {
    const org = ctx.org;
    if (!org || !ctx.caller) return "continue";
    const posture = ctx.upstream?.posture ?? org.posture;
    try {
      ctx.policy = deps.policy.evaluate(
        {
          kind: ctx.action ? "action" : "request",
          posture: org.posture,
          upstream: ctx.upstream ? { name: ctx.upstream.name, posture } : undefined,
          request: ctx.action
            ? undefined
            : { method: ctx.method, path: ctx.upstreamPath, headers: ctx.viewHeaders, body: ctx.bodyJson ?? undefined },
          action: ctx.action
            ? { agent: ctx.action.agent, tool: ctx.action.tool, action: ctx.action.action, resource: ctx.action.resource, params: ctx.action.params }
            : undefined,
          agent: ctx.caller.agent ? { id: ctx.caller.agent, role: ctx.caller.role } : undefined,
          findings: ctx.findings,
          risk: ctx.risk,
          now: new Date(deps.now()).toISOString(),
          owner_relaxations: org.ownerRelaxations,
        },
        { orgId: org.orgId, version: org.rules.version, rules: org.rules.rules, customPolicy: org.customPolicy ?? undefined },
      );
      return "continue";
    } catch (err) {
      log.error("policy evaluation failed", { request_id: ctx.requestId, org_id: org.orgId, err });
      return { decision: "BLOCK", status: 503, code: "POLICY_UNAVAILABLE", message: "Policy evaluation failed; request refused (fail-closed)" };
    }
  },
};
