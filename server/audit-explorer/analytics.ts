// Decision analytics over the org's audit events: counts per hour (24 h) or per
// day (7 d) by decision, top rules, agents and upstreams, and gateway latency
// percentiles. Computed in the database. Plain groupBy goes through the scoped
// client; the three aggregates Prisma cannot express (time buckets, jsonb rule
// ids, percentiles) are raw SQL that names the verified org explicitly (forOrg
// cannot rewrite raw SQL, so assertOrgId guards against an empty id instead).
import { z } from "zod";
import type { Db } from "@/server/db/client";

export const MAIN_DECISIONS = ["ALLOW", "MONITOR", "THROTTLE", "ESCALATE", "BLOCK", "KILL"] as const;

export const ZAnalyticsInput = z.object({ range: z.enum(["24h", "7d"]).default("24h") });
export type TAnalyticsInput = z.infer<typeof ZAnalyticsInput>;

const RANGES = {
  "24h": { ms: 24 * 3600_000, unit: "hour", bucketMs: 3600_000 },
  "7d": { ms: 7 * 24 * 3600_000, unit: "day", bucketMs: 24 * 3600_000 },
} as const;

const TOP = 10;

function assertOrgId(orgId: string): void {
  if (typeof orgId !== "string" || orgId.length === 0) throw new Error("analytics: orgId is required");
}

/** Start of the UTC hour/day containing t (the same truncation as date_trunc on UTC timestamps). */
function truncate(t: number, unit: "hour" | "day"): number {
  const d = new Date(t);
  if (unit === "day") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours());
}

export async function getAnalytics(sdb: Db, p: { orgId: string; input: TAnalyticsInput; now?: Date }) {
  assertOrgId(p.orgId);
  const range = RANGES[p.input.range];
  const now = (p.now ?? new Date()).getTime();
  // Whole buckets: the first bucket starts at a boundary so every bar covers the same span.
  const firstBucket = truncate(now - range.ms + range.bucketMs, range.unit);
  const since = new Date(firstBucket);
  const where = { ts: { gte: since } };

  const [byDecision, byAgent, byUpstream, series, rules, detections, latency] = await Promise.all([
    sdb.auditEvent.groupBy({ by: ["decision"], where, _count: { _all: true } }),
    sdb.auditEvent.groupBy({ by: ["agent"], where: { ...where, agent: { not: null } }, _count: { _all: true }, orderBy: { _count: { agent: "desc" } }, take: TOP }),
    sdb.auditEvent.groupBy({ by: ["upstream"], where: { ...where, upstream: { not: null } }, _count: { _all: true }, orderBy: { _count: { upstream: "desc" } }, take: TOP }),
    sdb.$queryRaw<{ bucket: Date; decision: string; n: bigint }[]>`
      SELECT date_trunc(${range.unit}, "ts") AS bucket, "decision", count(*)::bigint AS n
      FROM "AuditEvent" WHERE "orgId" = ${p.orgId} AND "ts" >= ${since}
      GROUP BY 1, 2`,
    sdb.$queryRaw<{ rule_id: string; n: bigint }[]>`
      SELECT r.rule_id, count(*)::bigint AS n
      FROM "AuditEvent" e, jsonb_array_elements_text(e."body"->'rule_ids') AS r(rule_id)
      WHERE e."orgId" = ${p.orgId} AND e."ts" >= ${since}
      GROUP BY r.rule_id ORDER BY n DESC, r.rule_id LIMIT ${TOP}`,
    // Detector findings (rule id + location) live in the unsigned flight record; the signed body only has their summary.
    sdb.$queryRaw<{ rule_id: string; n: bigint }[]>`
      SELECT f->>'rule_id' AS rule_id, count(*)::bigint AS n
      FROM "AuditEvent" e,
           jsonb_array_elements(CASE WHEN jsonb_typeof(e."flight"->'policy_input'->'findings') = 'array' THEN e."flight"->'policy_input'->'findings' ELSE '[]'::jsonb END) AS f
      WHERE e."orgId" = ${p.orgId} AND e."ts" >= ${since} AND f->>'rule_id' IS NOT NULL
      GROUP BY 1 ORDER BY n DESC, 1 LIMIT ${TOP}`,
    // Gateway latency only: control-plane events (action, no upstream) are not requests.
    sdb.$queryRaw<{ p50: number | null; p95: number | null; n: bigint }[]>`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ("body"->>'latency_us')::bigint) AS p50,
             percentile_cont(0.95) WITHIN GROUP (ORDER BY ("body"->>'latency_us')::bigint) AS p95,
             count(*)::bigint AS n
      FROM "AuditEvent" WHERE "orgId" = ${p.orgId} AND "ts" >= ${since} AND "upstream" IS NOT NULL`,
  ]);

  const buckets: { start: Date; counts: Record<string, number>; total: number }[] = [];
  const index = new Map<number, (typeof buckets)[number]>();
  for (let t = firstBucket; t <= now; t += range.bucketMs) {
    const b = { start: new Date(t), counts: {} as Record<string, number>, total: 0 };
    buckets.push(b);
    index.set(t, b);
  }
  for (const row of series) {
    const b = index.get(new Date(row.bucket).getTime());
    if (!b) continue;
    const key = bucketDecision(row.decision);
    b.counts[key] = (b.counts[key] ?? 0) + Number(row.n);
    b.total += Number(row.n);
  }

  const totals: Record<string, number> = {};
  for (const row of byDecision) totals[row.decision] = row._count._all;
  const l = latency[0];
  return {
    range: p.input.range,
    unit: range.unit,
    since,
    total: byDecision.reduce((s, r) => s + r._count._all, 0),
    totals,
    buckets,
    /** Policy rules that matched (rule_ids of the signed body). */
    topRules: rules.map((r) => ({ ruleId: r.rule_id, count: Number(r.n) })),
    /** Detector rules that produced findings (counted once per finding). */
    topDetections: detections.map((r) => ({ ruleId: r.rule_id, count: Number(r.n) })),
    topAgents: byAgent.map((r) => ({ agent: r.agent ?? "", count: r._count._all })),
    topUpstreams: byUpstream.map((r) => ({ upstream: r.upstream ?? "", count: r._count._all })),
    latency: { p50Us: l?.p50 == null ? null : Math.round(Number(l.p50)), p95Us: l?.p95 == null ? null : Math.round(Number(l.p95)), requests: Number(l?.n ?? 0) },
  };
}

/** The six gateway decisions get a series each; shadow and other decisions share one. */
export function bucketDecision(decision: string): string {
  return (MAIN_DECISIONS as readonly string[]).includes(decision) ? decision : "OTHER";
}
