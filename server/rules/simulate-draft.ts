// "What would this draft change?" before publishing: the live rules and the
// draft (or rules given inline) are replayed on a sample PolicyInput the user
// pastes, or on the org's last N recorded requests (recorded-inputs.ts).
// Nothing is written; the engine's per-org cache is not touched.
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { FINDING_CATEGORIES, simulateRules, type PolicyEngine, type PolicyInput, type PolicyResult, type TRule } from "@/server/policy";
import { findRecentPolicyInputs } from "@/server/rules/recorded-inputs";
import { getDraft, getLiveRules, ZRuleList } from "@/server/rules/rule-sets";

const ZPosture = z.enum(["allow_by_default", "deny_by_default"]);

/** A PolicyInput as a person writes it: everything but the request or action has a default. */
export const ZSamplePolicyInput = z
  .object({
    kind: z.enum(["request", "action"]),
    posture: ZPosture.default("allow_by_default"),
    upstream: z.object({ name: z.string().min(1).max(128), posture: ZPosture.default("allow_by_default") }).strict().optional(),
    request: z
      .object({ method: z.string().min(1).max(16), path: z.string().min(1).max(2048), headers: z.record(z.string(), z.string()).default({}), body: z.unknown().optional() })
      .strict()
      .optional(),
    action: z
      .object({ agent: z.string().max(128).optional(), tool: z.string().min(1).max(200), action: z.string().min(1).max(200), resource: z.string().max(2000).optional(), params: z.unknown().optional() })
      .strict()
      .optional(),
    agent: z.object({ id: z.string().min(1).max(128), role: z.string().max(64).optional() }).strict().optional(),
    findings: z
      .array(z.object({ category: z.enum(FINDING_CATEGORIES), rule_id: z.string().max(128), score: z.number().min(0).max(100), location: z.string().max(256).default(""), evidence: z.string().max(1024).default("") }).strict())
      .max(50)
      .default([]),
    risk: z.number().min(0).max(100).default(0),
    now: z.string().datetime().optional(),
    owner_relaxations: z.array(z.string().max(64)).max(10).optional(),
  })
  .strict()
  .refine((i) => (i.kind === "request" ? !!i.request : !!i.action), { message: "a request input needs `request`, an action input needs `action`", path: ["kind"] });

export const ZSimulateInput = z.object({
  /** Replay against these rules instead of the saved draft (the editor's unsaved state). */
  rules: ZRuleList.optional(),
  source: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("sample"), input: ZSamplePolicyInput }),
    z.object({ kind: z.literal("recent"), limit: z.number().int().min(1).max(1000).default(100) }),
  ]),
});
export type TSimulateInput = z.infer<typeof ZSimulateInput>;

const primary = (r: PolicyResult) => r.reasons[0]?.rule_id ?? null;

export async function simulateDraft(sdb: Db, engine: PolicyEngine, p: { ownerRelaxations: string[]; input: TSimulateInput }) {
  const live = await getLiveRules(sdb);
  const draft: TRule[] = p.input.rules ?? (await getDraft(sdb)).rules;
  let items: { input: PolicyInput; requestId: string | null; ts: Date | null; recorded: string | null; label: string }[];
  if (p.input.source.kind === "sample") {
    const s = p.input.source.input;
    const input: PolicyInput = { ...s, now: s.now ?? new Date().toISOString(), owner_relaxations: s.owner_relaxations ?? p.ownerRelaxations };
    const label = input.action ? `${input.action.tool}.${input.action.action}` : `${input.request?.method ?? ""} ${input.request?.path ?? ""}`;
    items = [{ input, requestId: null, ts: null, recorded: null, label }];
  } else {
    const recent = await findRecentPolicyInputs(sdb, { limit: p.input.source.limit, ownerRelaxations: p.ownerRelaxations });
    items = recent.map((r) => ({ input: r.input, requestId: r.requestId, ts: r.ts, recorded: r.decision, label: r.label }));
  }
  const sim = simulateRules(engine, items.map((i) => i.input), live.rules, draft);
  return {
    liveVersion: live.version,
    summary: sim.summary,
    results: sim.results.map((r) => {
      const item = items[r.index];
      return {
        index: r.index, requestId: item?.requestId ?? null, ts: item?.ts ?? null, label: item?.label ?? "", recorded: item?.recorded ?? null,
        before: r.before, after: r.after, changed: r.changed,
        beforeRule: primary(r.before_result), afterRule: primary(r.after_result),
        afterReasons: r.after_result.reasons.slice(0, 5), shadow: r.after_result.shadow,
      };
    }),
  };
}
