import type { Db } from "@/server/db/client";
import { newId } from "@/server/db/ids";

type ScopedTx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Writes the evidence of an app change inside the change's own transaction. */
export async function recordActivity(
  tx: ScopedTx,
  e: { orgId: string; actorId: string | null; action: string; target?: string; meta?: Record<string, unknown> },
): Promise<void> {
  await tx.activityEvent.create({
    data: { id: newId("act"), orgId: e.orgId, actorId: e.actorId, action: e.action, target: e.target ?? null, meta: (e.meta ?? undefined) as never },
  });
}
