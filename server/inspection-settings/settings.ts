// Detector tuning per org and per upstream: paranoia level, switched-off
// rules or categories, DLP thresholds, tool allow-list, response PII redaction
// and posture. Stored as validated partial JSON; the gateway merges it over
// the engine defaults (server/gateway/inspection-config.ts).
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { listDetectors } from "@/server/inspection";
import { ALL_PII_CLASSES, DEFAULT_INSPECTION_CONFIG } from "@/server/inspection/types";
import { mergeInspection, ZInspectionPatch } from "@/server/gateway/inspection-config";
import { recordActivity } from "@/server/orgs/activity";
import { bumpConfigVersion } from "@/server/orgs/config-version";

export const ZPosture = z.enum(["allow_by_default", "deny_by_default"]);

export const ZUpdateInspectionInput = z.object({
  /** Absent: the org-wide settings. */
  upstreamId: z.string().min(1).max(64).optional(),
  patch: ZInspectionPatch,
  posture: ZPosture.nullish(),
  redactPii: z.array(z.enum(ALL_PII_CLASSES)).optional(),
});
export type TUpdateInspectionInput = z.infer<typeof ZUpdateInspectionInput>;

export async function getInspectionSettings(sdb: Db, orgId: string) {
  const org = await sdb.organization.findUniqueOrThrow({ where: { id: orgId } });
  const upstreams = await sdb.upstream.findMany({ orderBy: { name: "asc" } });
  const orgEffective = mergeInspection(DEFAULT_INSPECTION_CONFIG, org.inspection);
  return {
    detectors: listDetectors(),
    piiClasses: [...ALL_PII_CLASSES],
    org: { patch: org.inspection ?? {}, effective: orgEffective, posture: org.posture, redactPii: org.redactPii },
    upstreams: upstreams.map((u) => ({
      id: u.id, name: u.name, posture: u.posture, patch: u.inspection ?? {}, effective: mergeInspection(orgEffective, u.inspection),
    })),
  };
}

export async function updateInspectionSettings(sdb: Db, p: { orgId: string; actorId: string; input: TUpdateInspectionInput }) {
  const { upstreamId, patch, posture, redactPii } = p.input;
  await sdb.$transaction(async (tx) => {
    if (upstreamId) {
      const u = await tx.upstream.findFirst({ where: { id: upstreamId } });
      if (!u) throw notFound("Upstream");
      await tx.upstream.update({ where: { id: u.id }, data: { inspection: patch as never, ...(posture !== undefined ? { posture } : {}) } });
    } else {
      await tx.organization.update({
        where: { id: p.orgId },
        data: { inspection: patch as never, ...(posture ? { posture } : {}), ...(redactPii ? { redactPii } : {}) },
      });
    }
    await recordActivity(tx, { orgId: p.orgId, actorId: p.actorId, action: "inspection.updated", target: upstreamId ?? "org", meta: { patch, posture, redactPii } });
    await bumpConfigVersion(tx, p.orgId);
  });
  return { ok: true };
}
