// Stage 0 — kill switch. Per org and per agent, engaged from the app or
// `aegis kill`. Needs to know whose request this is, so it resolves the
// credential first (memoized; stage 1 reuses the result). An unauthenticated
// caller learns nothing about an org's kill state: unknown credentials pass
// through here and are refused by stage 1. Fail-closed: if the org snapshot
// cannot be loaded the request stops (503).
import type { Stage } from "@/server/gateway/pipeline";

export const killSwitchStage: Stage = {
  name: "kill_switch",
  async run(ctx, deps) {
    const resolved = await deps.credentials.resolve(ctx.headers);
    if ("decision" in resolved) {
      ctx.callerError = resolved;
      return "continue";
    }
    ctx.caller = resolved;
    const org = await deps.orgs.get(resolved.orgId);
    if (!org) {
      ctx.callerError = { decision: "BLOCK", status: 401, code: "UNAUTHORIZED", message: "Organization no longer exists" };
      return "continue";
    }
    ctx.org = org;
    if (org.killed) {
      return { decision: "KILL", status: 403, code: "KILLED", message: "The kill switch is engaged for this organization" };
    }
    if (resolved.agent && org.killedAgents.has(resolved.agent)) {
      return { decision: "KILL", status: 403, code: "KILLED", message: `The kill switch is engaged for agent ${resolved.agent}` };
    }
    return "continue";
  },
};
