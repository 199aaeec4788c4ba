// The tuning form of one scope (the org or one upstream). Every field is the
// stored patch value, or null for "inherit" (engine default for the org, the
// org's effective value for an upstream). Saving sends the whole patch: the
// server replaces the stored JSON, so fields this screen does not edit
// (toolAllowList, categoryWeights) are carried over unchanged.
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

export type TSettings = inferRouterOutputs<AppRouter>["inspection"]["settings"];
export type TUpdateInput = inferRouterInputs<AppRouter>["inspection"]["update"];
export type TEffective = TSettings["org"]["effective"];
export type TParanoia = 1 | 2 | 3 | 4;
export type TPosture = "allow_by_default" | "deny_by_default";

export type TForm = {
  paranoia: TParanoia | null;
  disabledRules: string[] | null;
  dlpMinCount: string | null;
  dlpClasses: string[] | null;
  posture: TPosture | null;
  redactPii: NonNullable<TUpdateInput["redactPii"]>;
  rest: Record<string, unknown>;
};

type TPatch = { paranoia?: TParanoia; disabledRules?: string[]; dlp?: { minCount?: number; classes?: string[] } } & Record<string, unknown>;

export function toForm(patchRaw: unknown, posture: string | null, redactPii: readonly string[]): TForm {
  const { paranoia, disabledRules, dlp, ...rest } = (patchRaw ?? {}) as TPatch;
  return {
    paranoia: paranoia ?? null,
    disabledRules: disabledRules ?? null,
    dlpMinCount: dlp?.minCount !== undefined ? String(dlp.minCount) : null,
    dlpClasses: dlp?.classes ?? null,
    posture: posture === "allow_by_default" || posture === "deny_by_default" ? posture : null,
    redactPii: [...redactPii] as TForm["redactPii"],
    rest,
  };
}

/** The patch as the update procedure takes it. `rest` came from the stored, server-validated patch
 * and the class lists only hold names the server listed, so the cast holds; the server validates again. */
export function toPatch(f: TForm): { patch: TUpdateInput["patch"]; error: string | null } {
  const patch: Record<string, unknown> = { ...f.rest };
  if (f.paranoia !== null) patch.paranoia = f.paranoia;
  if (f.disabledRules !== null) patch.disabledRules = f.disabledRules;
  const dlp: Record<string, unknown> = {};
  if (f.dlpMinCount !== null) {
    const n = Number(f.dlpMinCount);
    if (!Number.isInteger(n) || n < 1 || n > 10_000) return { patch: {}, error: "Bulk threshold: a whole number from 1 to 10,000" };
    dlp.minCount = n;
  }
  if (f.dlpClasses !== null) dlp.classes = f.dlpClasses;
  if (Object.keys(dlp).length) patch.dlp = dlp;
  return { patch: patch as TUpdateInput["patch"], error: null };
}

export const toggle = (list: string[], item: string, on: boolean) => (on ? list.filter((x) => x !== item) : [...new Set([...list, item])]);

export const PARANOIA_LEVELS: { level: TParanoia; title: string; text: string }[] = [
  { level: 1, title: "Baseline", text: "High-confidence rules only. Very few false positives; recommended for most traffic." },
  { level: 2, title: "Elevated", text: "Adds rules for broader attack forms (more encodings, looser SQL and shell shapes). Occasional false positives on unusual payloads." },
  { level: 3, title: "High", text: "Adds aggressive heuristics. Expect false positives on free text; switch off the noisy rules per upstream." },
  { level: 4, title: "Paranoid", text: "Every rule, including very noisy ones. For sensitive upstreams with well-known traffic shapes." },
];
