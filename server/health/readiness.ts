// Liveness says the process answers; readiness says its dependencies do.
import { getStore } from "@/server/adapters";
import { getDb } from "@/server/db/client";

async function timed(fn: () => Promise<unknown>, timeoutMs: number): Promise<{ ok: boolean; ms: number; error?: string }> {
  const t0 = performance.now();
  try {
    await Promise.race([fn(), new Promise((_, rej) => setTimeout(() => rej(new Error("timeout")), timeoutMs).unref())]);
    return { ok: true, ms: Math.round(performance.now() - t0) };
  } catch (e) {
    return { ok: false, ms: Math.round(performance.now() - t0), error: (e as Error).message.slice(0, 120) };
  }
}

export async function checkReadiness() {
  const store = getStore();
  const [database, storeCheck] = await Promise.all([
    timed(() => getDb().$queryRawUnsafe("SELECT 1"), 2000),
    timed(() => store.ping(), 2000),
  ]);
  const ok = database.ok && storeCheck.ok;
  return { status: ok ? "ready" : "not_ready", checks: { database, store: { ...storeCheck, kind: store.kind } } } as const;
}
