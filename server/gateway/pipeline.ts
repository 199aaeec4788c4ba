// The gateway pipeline: an ordered list of decision stages and the runner that
// times each one (Server-Timing, flight record, benchmarks). A stage returns
// "continue" or a Stop; the first Stop decides. After the decision the record
// stage commits the audit event (always), then allowed proxy requests are
// executed and filtered.
import type { GatewayDeps } from "@/server/gateway/deps";
import type { GatewayContext, Stop } from "@/server/gateway/types";
import { killSwitchStage } from "@/server/gateway/stages/00-kill-switch";
import { authenticateStage } from "@/server/gateway/stages/01-authenticate";
import { quotaStage } from "@/server/gateway/stages/02-quota";
import { inspectStage } from "@/server/gateway/stages/03-inspect";
import { policyStage } from "@/server/gateway/stages/04-policy";
import { decideStage } from "@/server/gateway/stages/05-decide";

export interface Stage {
  name: string;
  run(ctx: GatewayContext, deps: GatewayDeps): Promise<"continue" | Stop>;
}

export const DECISION_STAGES: readonly Stage[] = [killSwitchStage, authenticateStage, quotaStage, inspectStage, policyStage, decideStage];

export async function timed<T>(ctx: GatewayContext, stage: string, fn: () => Promise<T>, outcomeOf: (r: T) => GatewayContext["flight"][number]["outcome"]): Promise<T> {
  const t0 = performance.now();
  try {
    const r = await fn();
    ctx.flight.push({ stage, outcome: outcomeOf(r), us: Math.round((performance.now() - t0) * 1000) });
    return r;
  } catch (err) {
    ctx.flight.push({ stage, outcome: "error", us: Math.round((performance.now() - t0) * 1000) });
    throw err;
  }
}

/** Runs the decision stages; returns the Stop that ended the request, if any. */
export async function runDecisionStages(ctx: GatewayContext, deps: GatewayDeps, stages: readonly Stage[] = DECISION_STAGES): Promise<Stop | null> {
  for (const stage of stages) {
    const outcome = await timed(ctx, stage.name, () => stage.run(ctx, deps), (r) => (r === "continue" ? "continue" : r.decision));
    if (outcome !== "continue") {
      ctx.decision = outcome.decision;
      ctx.decidedBy = stage.name;
      if (outcome.ruleId && !ctx.ruleIds.includes(outcome.ruleId)) ctx.ruleIds.push(outcome.ruleId);
      return outcome;
    }
  }
  ctx.decidedBy ??= "decide";
  return null;
}
