// LLM cost accounting: microdollars per scope per calendar month (UTC) in the
// store, added after each response (streamed ones when the stream ends).
// Concurrent requests are admitted against the spend counted so far, so a
// burst can overshoot a cap by at most (requests in flight × their cost).
import type { Store } from "@/server/store/types";
import type { GatewayDeps } from "@/server/gateway/deps";
import { forOrg } from "@/server/db/scoped";
import { newId } from "@/server/db/ids";
import { log } from "@/server/log/logger";

export const monthKey = (t: number) => new Date(t).toISOString().slice(0, 7);
export const costKey = (scope: string, t: number) => `cost:${scope}:${monthKey(t)}`;
const MONTH_MS = 32 * 86_400_000;

export async function addCost(store: Store, scopes: string[], usd: number, t: number): Promise<number[]> {
  const micro = Math.max(0, Math.round(usd * 1e6));
  if (micro === 0) return [];
  return Promise.all(scopes.map((s) => store.incrBy(costKey(s, t), micro, MONTH_MS)));
}

export const COST_WARNING_RATIO = 0.8;

/** Once per scope and month, when spend crosses 80% of its cap, a warning
 * event is written to the org's activity log (alerts pick it up from there). */
export async function warnNearCostCap(
  deps: Pick<GatewayDeps, "store" | "db" | "now">,
  orgId: string,
  scopes: string[],
  caps: (number | null)[],
  totalsMicro: number[],
): Promise<void> {
  for (let i = 0; i < scopes.length; i++) {
    const cap = caps[i];
    const total = totalsMicro[i];
    const scope = scopes[i];
    if (!cap || total === undefined || !scope || total < cap * 1e6 * COST_WARNING_RATIO) continue;
    const first = await deps.store.set(`costwarn:${scope}:${monthKey(deps.now())}`, "1", { nx: true, ttlMs: MONTH_MS });
    if (!first) continue;
    log.warn("cost cap warning", { org_id: orgId, scope, spent_usd: total / 1e6, cap_usd: cap });
    await forOrg(deps.db, orgId).activityEvent.create({
      data: { id: newId("act"), orgId, actorId: null, action: "quota.cost_warning", target: scope, meta: { spent_usd: total / 1e6, cap_usd: cap, ratio: COST_WARNING_RATIO } },
    });
  }
}
