// Org and upstream inspection settings are stored as partial JSON and merged
// over the engine defaults: org over defaults, upstream over org.
import { z } from "zod";
import { DEFAULT_INSPECTION_CONFIG, type InspectionConfig } from "@/server/inspection/types";

export const ZInspectionPatch = z
  .object({
    paranoia: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
    disabledRules: z.array(z.string().min(1).max(100)).max(500).optional(),
    dlp: z.object({ minCount: z.number().int().min(1).max(10_000).optional(), classes: z.array(z.string().max(40)).max(20).optional() }).optional(),
    toolAllowList: z.array(z.string().min(1).max(200)).max(1000).nullable().optional(),
    categoryWeights: z.record(z.string(), z.number().min(0).max(10)).optional(),
  })
  .strict();
export type TInspectionPatch = z.infer<typeof ZInspectionPatch>;

export function mergeInspection(base: InspectionConfig, raw: unknown): InspectionConfig {
  const parsed = ZInspectionPatch.safeParse(raw ?? {});
  if (!parsed.success) return base; // stored values are validated on write; never fail a request on them
  const p = parsed.data;
  return {
    paranoia: p.paranoia ?? base.paranoia,
    disabledRules: p.disabledRules ?? base.disabledRules,
    dlp: { minCount: p.dlp?.minCount ?? base.dlp.minCount, classes: p.dlp?.classes ?? base.dlp.classes },
    toolAllowList: p.toolAllowList === null ? undefined : (p.toolAllowList ?? base.toolAllowList),
    categoryWeights: { ...base.categoryWeights, ...(p.categoryWeights as InspectionConfig["categoryWeights"]) },
  };
}

export const defaultInspection = (): InspectionConfig => DEFAULT_INSPECTION_CONFIG;
