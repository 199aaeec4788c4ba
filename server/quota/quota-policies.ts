// Quota settings per org ("" agent) and per agent.
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { newId } from "@/server/db/ids";
import { recordActivity } from "@/server/orgs/activity";
import { bumpConfigVersion } from "@/server/orgs/config-version";

const limit = z.number().int().min(1).max(1_000_000_000).nullable().optional();

export const ZQuotaInput = z
  .object({
    agent: z.string().regex(/^[A-Za-z0-9._:@-]{1,128}$/, "invalid agent name").nullable().optional(),
    requestsPerSecond: z.number().int().min(1).max(100_000).nullable().optional(),
    burst: z.number().int().min(1).max(1_000_000).nullable().optional(),
    dailyRequests: limit,
    monthlyRequests: limit,
    monthlyCostUsd: z.number().min(0).max(10_000_000).nullable().optional(),
  })
  .refine((q) => !q.burst || !!q.requestsPerSecond, { message: "burst needs requestsPerSecond", path: ["burst"] });
export type TQuotaInput = z.infer<typeof ZQuotaInput>;

export async function setQuota(sdb: Db, p: { orgId: string; actorId: string | null; input: TQuotaInput }) {
  const agent = p.input.agent ?? "";
  const data = {
    requestsPerSecond: p.input.requestsPerSecond ?? null,
    burst: p.input.burst ?? null,
    dailyRequests: p.input.dailyRequests ?? null,
    monthlyRequests: p.input.monthlyRequests ?? null,
    monthlyCostUsd: p.input.monthlyCostUsd ?? null,
  };
  await sdb.$transaction(async (tx) => {
    const existing = await tx.quotaPolicy.findFirst({ where: { agent } });
    if (existing) await tx.quotaPolicy.update({ where: { id: existing.id }, data });
    else await tx.quotaPolicy.create({ data: { id: newId("quo"), orgId: p.orgId, agent, ...data } });
    await recordActivity(tx, { orgId: p.orgId, actorId: p.actorId, action: "quota.set", target: agent || "org", meta: data });
    await bumpConfigVersion(tx, p.orgId);
  });
  return { agent: agent || null, ...data };
}

export async function listQuotas(sdb: Db) {
  const rows = await sdb.quotaPolicy.findMany({ orderBy: { agent: "asc" } });
  return rows.map((q) => ({
    agent: q.agent || null, requestsPerSecond: q.requestsPerSecond, burst: q.burst, dailyRequests: q.dailyRequests,
    monthlyRequests: q.monthlyRequests, monthlyCostUsd: q.monthlyCostUsd === null ? null : Number(q.monthlyCostUsd),
  }));
}
