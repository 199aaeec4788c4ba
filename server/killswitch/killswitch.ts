// The kill switch: per org ("" agent) and per agent. Engaging bumps the org's
// config version so every gateway instance honours it within seconds.
import type { Db } from "@/server/db/client";
import { newId } from "@/server/db/ids";
import { recordActivity } from "@/server/orgs/activity";
import { bumpConfigVersion } from "@/server/orgs/config-version";

export async function setKillSwitch(sdb: Db, p: { orgId: string; actor: string; actorId: string | null; engaged: boolean; agent?: string | null }) {
  const agent = p.agent ?? "";
  await sdb.$transaction(async (tx) => {
    if (p.engaged) {
      const existing = await tx.killSwitch.findFirst({ where: { agent } });
      if (!existing) await tx.killSwitch.create({ data: { id: newId("kil"), orgId: p.orgId, agent, engagedBy: p.actor } });
    } else {
      await tx.killSwitch.deleteMany({ where: { agent } });
    }
    await recordActivity(tx, { orgId: p.orgId, actorId: p.actorId, action: p.engaged ? "killswitch.engaged" : "killswitch.released", target: agent || "org" });
    await bumpConfigVersion(tx, p.orgId);
  });
  return { engaged: p.engaged, agent: agent || null };
}

export async function listKillSwitches(sdb: Db) {
  const rows = await sdb.killSwitch.findMany({ orderBy: { createdAt: "desc" } });
  return rows.map((k) => ({ agent: k.agent || null, engagedBy: k.engagedBy, engagedAt: k.createdAt }));
}
