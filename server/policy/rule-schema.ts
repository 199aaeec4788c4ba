// The tenant rule model (JSON format documented in docs/rules.md). Rules are stored and published
// as a ZRuleSet; the engine receives the parsed TRule[] and compiles them once per version.
import { z } from "zod";
import { FINDING_CATEGORIES } from "./types";
import { parseJsonPath } from "./json-path";

export const ZEffect = z.enum(["ALLOW", "MONITOR", "THROTTLE", "ESCALATE", "BLOCK"]);
export const ZFindingCategory = z.enum(FINDING_CATEGORIES);
export const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

const ZText = z.string().min(1).max(256);
// Lists are alternatives ("any of"); a cap keeps one rule's evaluation cost bounded.
const list = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(50);
const ZGlob = z.string().min(1).max(256);

export const ZHeaderCondition = z
  .object({
    name: z.string().min(1).max(128).transform((s) => s.toLowerCase()),
    op: z.enum(["present", "absent", "equals", "contains", "prefix"]),
    value: z.string().max(1024).optional(),
  })
  .strict()
  .refine((h) => h.op === "present" || h.op === "absent" || h.value !== undefined, {
    message: "value is required for equals, contains and prefix",
    path: ["value"],
  });

const ZJsonScalar = z.union([z.string().max(1024), z.number(), z.boolean(), z.null()]);

export const ZBodyCondition = z
  .object({
    path: z.string().max(256).refine((p) => parseJsonPath(p) !== null, {
      message: 'unsupported JSON path (use $.a.b, $.items[0], $["odd key"])',
    }),
    op: z.enum(["exists", "absent", "equals", "not_equals", "in", "contains", "gt", "gte", "lt", "lte"]),
    value: z.union([ZJsonScalar, z.array(ZJsonScalar).max(100)]).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    const needs = (ok: boolean, message: string) => {
      if (!ok) ctx.addIssue({ code: "custom", message, path: ["value"] });
    };
    if (b.op === "in") needs(Array.isArray(b.value), "in needs an array value");
    if (["gt", "gte", "lt", "lte"].includes(b.op)) needs(typeof b.value === "number", `${b.op} needs a number`);
    if (["equals", "not_equals", "contains"].includes(b.op)) needs(b.value !== undefined, `${b.op} needs a value`);
  });

export const ZTimeWindow = z
  .object({
    days: list(z.enum(DAYS)).optional(),
    /** UTC hours, [from, to); from > to wraps past midnight. */
    hours: z
      .object({ from: z.number().int().min(0).max(23), to: z.number().int().min(1).max(24) })
      .strict()
      .refine((h) => h.from !== h.to, { message: "empty hour range" })
      .optional(),
  })
  .strict();

export const ZRuleConditions = z
  .object({
    kind: z.enum(["request", "action"]).optional(),
    upstreams: list(ZText).optional(),
    methods: list(z.string().min(1).max(16).transform((s) => s.toUpperCase())).optional(),
    paths: list(ZGlob).optional(),
    headers: z.array(ZHeaderCondition).max(20).optional(),
    body: z.array(ZBodyCondition).max(20).optional(),
    agents: list(ZText).optional(),
    agent_roles: list(ZText).optional(),
    tools: list(ZGlob).optional(),
    actions: list(ZGlob).optional(),
    resources: list(ZGlob).optional(),
    findings: z
      .object({
        categories: list(ZFindingCategory).optional(),
        min_score: z.number().min(0).max(100).optional(),
        rule_ids: list(ZGlob).optional(),
      })
      .strict()
      .optional(),
    risk: z
      .object({ gte: z.number().min(0).max(100).optional(), lt: z.number().min(0).max(101).optional() })
      .strict()
      .optional(),
    time: ZTimeWindow.optional(),
  })
  .strict();

export const ZRule = z
  .object({
    // "platform." and "baseline." are reserved so a reason's rule_id always says who decided.
    id: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/)
      .refine((id) => !/^(platform|baseline|custom)\./.test(id), { message: "reserved rule id prefix" }),
    name: z.string().max(120).optional(),
    description: z.string().max(1000).optional(),
    enabled: z.boolean().default(true),
    /** 1..1000; platform risk thresholds sit at 500, so only rules above 500 can override them. */
    priority: z.number().int().min(1).max(1000).default(100),
    effect: ZEffect,
    shadow: z.boolean().default(false),
    message: z.string().max(280).optional(),
    when: ZRuleConditions.default({}),
  })
  .strict();

export type TRule = z.infer<typeof ZRule>;
/** What an author writes (defaults not yet applied). */
export type TRuleInput = z.input<typeof ZRule>;

export const ZRuleSet = z
  .object({ version: z.number().int().min(0), rules: z.array(ZRule).max(500) })
  .strict()
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.rules.forEach((rule, index) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: "custom", message: `duplicate rule id ${rule.id}`, path: ["rules", index, "id"] });
      seen.add(rule.id);
    });
  });

export type TRuleSet = z.infer<typeof ZRuleSet>;
