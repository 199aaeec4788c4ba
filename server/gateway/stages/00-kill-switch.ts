// Stage 0 — kill switch. Per org and per agent, engaged from the app or
// `aegis kill`. Needs to know whose request this is, so it resolves the
// credential first (memoized; stage 1 reuses the result). An unauthenticated
// caller learns nothing about an org's kill state: unknown credentials pass
// through here and are refused by stage 1. Fail-closed: if the org snapshot
// cannot be loaded the request stops (503).
import type { Stage } from "@/server/gateway/pipeline";
import type { Caller, OrgSnapshot, Stop } from "@/server/gateway/types";
import { log } from "@/server/log/logger";

const unavailable: Stop = {
  decision: "BLOCK", status: 503, code: "AUTH_UNAVAILABLE",
  message: "Credentials could not be verified right now; request refused (fail-closed)", headers: { "retry-after": "2" },
};

export const killSwitchStage: Stage = {
  name: "kill_switch",
  async run(ctx, deps) {
    let resolved: Caller | Stop;
    let org: OrgSnapshot | null;
    try {
      resolved = await deps.credentials.resolve(ctx.headers);
      if ("decision" in resolved) {
        ctx.callerError = resolved;
        return "continue";
      }
      org = await deps.orgs.get(resolved.orgId);
    } catch (err) {
      // Database or store unreachable: authentication fails closed.
      log.error("credential resolution failed", { request_id: ctx.requestId, err });
      ctx.callerError = unavailable;
      return "continue";
    }
    ctx.caller = resolved;
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
