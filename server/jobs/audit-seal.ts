/**
 * Audit sealing jobs: a daily sweep that seals every org whose log grew, and an
 * on-demand seal of one org (`aegis audit seal --org ORG`, or the event below).
 */
import { z } from "zod";
import { findOrgsToSeal, sealAuditLog } from "@/server/audit/seal";
import { log } from "@/server/log/logger";
import { defineJob } from "./definition";

export const AUDIT_SEAL_REQUESTED = "audit/seal.requested";

export const sealOrgAuditLog = defineJob({
  id: "audit-seal-org",
  trigger: { event: AUDIT_SEAL_REQUESTED },
  schema: z.object({ orgId: z.string().min(1) }),
  async handler({ orgId }, { db, kek, now, pool }) {
    const result = await sealAuditLog(db, orgId, { kek, now, pool });
    return { orgId, status: result.status, treeSize: result.treeHead?.tree_head.tree_size ?? 0, ms: result.ms };
  },
});

export const sealAllAuditLogs = defineJob({
  id: "audit-seal-daily",
  trigger: { cron: "0 3 * * *" },
  schema: z.object({}),
  async handler(_payload, { db, kek, now, pool }) {
    const sealed: { orgId: string; treeSize: number }[] = [];
    const failed: string[] = [];
    // One org failing (e.g. a broken chain) must not stop the others from being sealed.
    for (const orgId of await findOrgsToSeal(db)) {
      try {
        const r = await sealAuditLog(db, orgId, { kek, now, pool });
        sealed.push({ orgId, treeSize: r.treeHead?.tree_head.tree_size ?? 0 });
      } catch (err) {
        failed.push(orgId);
        log.error("audit seal failed", { err, org_id: orgId });
      }
    }
    return { sealed, failed };
  },
});
