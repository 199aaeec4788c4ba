import type { Db } from "@/server/db/client";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Gateway instances cache org configuration keyed by this version; bumping it
 * inside the change's transaction makes the change visible to them. */
export async function bumpConfigVersion(tx: Tx, orgId: string): Promise<void> {
  await tx.organization.update({ where: { id: orgId }, data: { configVersion: { increment: 1 } } });
}
