// The audit explorer's filters, shared by list, export and the UI. They only
// ever narrow a query that the scoped client (forOrg) already limits to one org.
import { z } from "zod";
import type { Prisma } from "@/server/db/generated/client";

const ZName = z.string().trim().min(1).max(512);

export const ZAuditFilters = z
  .object({
    from: z.date().optional(),
    to: z.date().optional(),
    /** Decision names as recorded, e.g. BLOCK or SHADOW_BLOCK. */
    decisions: z.array(z.string().regex(/^[A-Z][A-Z_]*$/).max(40)).max(20).optional(),
    agent: ZName.optional(),
    upstream: ZName.optional(),
    ruleId: ZName.optional(),
  })
  .strict();
export type TAuditFilters = z.infer<typeof ZAuditFilters>;

/** A where clause for AuditEvent; the org is added by the scoped client. */
export function auditWhere(f: TAuditFilters | undefined): Prisma.AuditEventWhereInput {
  if (!f) return {};
  const where: Prisma.AuditEventWhereInput = {};
  if (f.from || f.to) where.ts = { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lte: f.to } : {}) };
  if (f.decisions?.length) where.decision = { in: f.decisions };
  if (f.agent) where.agent = f.agent;
  if (f.upstream) where.upstream = f.upstream;
  // A policy rule id (rule_ids of the signed body) or a detector rule id (a finding in
  // the flight record); both are jsonb containment (@>) tests.
  if (f.ruleId) {
    where.OR = [
      { body: { path: ["rule_ids"], array_contains: [f.ruleId] } },
      { flight: { path: ["policy_input", "findings"], array_contains: [{ rule_id: f.ruleId }] } },
    ];
  }
  return where;
}
