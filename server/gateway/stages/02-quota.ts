// Stage 2 — quotas: requests per second with burst (token bucket), daily and
// monthly request caps, and a monthly USD cost cap for LLM traffic (cost is
// counted after each response; see the execute stage). Per org and per agent.
// When the store is unreachable the org's degraded mode decides:
//   block_all → 503; block_high_risk → continue, the decision stage blocks
//   risky requests; allow_with_audit → continue. Either way the decision
//   records that it was taken in degraded mode.
import type { Stage } from "@/server/gateway/pipeline";
import type { GatewayContext, QuotaLimits, Stop } from "@/server/gateway/types";
import type { GatewayDeps } from "@/server/gateway/deps";
import { costKey, monthKey } from "@/server/gateway/cost";
import { rateLimitedHeaders } from "@/server/gateway/limiter";

const day = (t: number) => new Date(t).toISOString().slice(0, 10);
const DAY_MS = 86_400_000;

function throttle(message: string, code: string, retryAfterS: number, limit: number, extra: Record<string, string> = {}): Stop {
  return {
    decision: "THROTTLE", status: 429, code, message,
    headers: { ...rateLimitedHeaders(retryAfterS, limit), ...extra },
  };
}

async function checkScope(ctx: GatewayContext, deps: GatewayDeps, scope: string, q: QuotaLimits): Promise<Stop | null> {
  const t = deps.now();
  if (q.requestsPerSecond) {
    const r = await deps.limiter.limit(`rps:${scope}`, q.requestsPerSecond, q.burst ?? q.requestsPerSecond);
    ctx.quotaHeaders["ratelimit-limit"] = String(r.limit);
    ctx.quotaHeaders["ratelimit-remaining"] = String(Math.max(0, r.remaining));
    ctx.quotaHeaders["ratelimit-reset"] = String(Math.max(0, Math.ceil((r.reset - t) / 1000)));
    if (!r.success) return throttle(`Rate limit exceeded for ${scope}`, "RATE_LIMITED", (r.reset - t) / 1000, r.limit);
  }
  if (q.dailyRequests) {
    const n = await deps.store.incrBy(`q:d:${scope}:${day(t)}`, 1, 2 * DAY_MS);
    if (n > q.dailyRequests) {
      const midnight = Date.parse(day(t) + "T00:00:00Z") + DAY_MS;
      return throttle(`Daily request cap of ${q.dailyRequests} reached for ${scope}`, "DAILY_CAP", (midnight - t) / 1000, q.dailyRequests);
    }
  }
  if (q.monthlyRequests) {
    const n = await deps.store.incrBy(`q:m:${scope}:${monthKey(t)}`, 1, 32 * DAY_MS);
    if (n > q.monthlyRequests) return throttle(`Monthly request cap of ${q.monthlyRequests} reached for ${scope}`, "MONTHLY_CAP", 3600, q.monthlyRequests);
  }
  if (q.monthlyCostUsd !== null && ctx.llm) {
    const spentMicro = Number((await deps.store.get(costKey(scope, t))) ?? 0);
    const capMicro = q.monthlyCostUsd * 1e6;
    if (spentMicro >= capMicro) {
      return throttle(`Monthly LLM cost cap of $${q.monthlyCostUsd} reached for ${scope}`, "COST_CAP", 3600, Math.round(q.monthlyCostUsd), { "x-aegis-cost-usd": (spentMicro / 1e6).toFixed(4) });
    }
  }
  return null;
}

export const quotaStage: Stage = {
  name: "quota",
  async run(ctx, deps) {
    const org = ctx.org;
    if (!org || !ctx.caller) return "continue";
    const scopes: [string, QuotaLimits][] = [];
    if (org.orgQuota) scopes.push([`org:${org.orgId}`, org.orgQuota]);
    const agentQuota = ctx.caller.agent ? org.agentQuotas.get(ctx.caller.agent) : undefined;
    if (agentQuota && ctx.caller.agent) scopes.push([`agent:${org.orgId}:${ctx.caller.agent}`, agentQuota]);
    try {
      for (const [scope, q] of scopes) {
        const stop = await checkScope(ctx, deps, scope, q);
        if (stop) return stop;
      }
      return "continue";
    } catch (err) {
      ctx.degraded.push(`quota_store_unavailable:${org.degradedMode}`);
      if (org.degradedMode === "block_all") {
        return { decision: "BLOCK", status: 503, code: "QUOTA_STORE_UNAVAILABLE", message: "Quota store unreachable; this organization blocks all traffic in degraded mode", headers: { "retry-after": "5" } };
      }
      return "continue";
    }
  },
};
