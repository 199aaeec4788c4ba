// LLM cost accounting: microdollars per scope per calendar month (UTC) in the
// store, added after each response (streamed ones when the stream ends).
// Concurrent requests are admitted against the spend counted so far, so a
// burst can overshoot a cap by at most (requests in flight × their cost).
import type { Store } from "@/server/store/types";

export const monthKey = (t: number) => new Date(t).toISOString().slice(0, 7);
export const costKey = (scope: string, t: number) => `cost:${scope}:${monthKey(t)}`;
const MONTH_MS = 32 * 86_400_000;

export async function addCost(store: Store, scopes: string[], usd: number, t: number): Promise<number[]> {
  const micro = Math.max(0, Math.round(usd * 1e6));
  if (micro === 0) return [];
  return Promise.all(scopes.map((s) => store.incrBy(costKey(s, t), micro, MONTH_MS)));
}
