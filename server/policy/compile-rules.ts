// Turns tenant rules into the normalized document the platform policy loads as data (every list
// present, optional objects null), which both policies/aegis/rules.rego and the compiled matcher
// (match-rules.ts) read, plus the projection the view needs: which headers and body paths any
// rule reads. Done once per (org, rules version), never per request.
import { parseJsonPath, type JsonPathSegment } from "./json-path";
import { DAYS, type TRule } from "./rule-schema";
import { SEVERITY } from "./types";

/** A glob pre-classified so most patterns become plain string comparisons in Rego. */
export type GlobMatcher = { t: "eq" | "prefix" | "suffix" | "segment" | "glob"; v: string; d: string };

const GLOB_SPECIAL = /[*?[\]{}\\]/;

/** Same semantics as OPA glob.match(pattern, [delim], value); see rules.rego glob_ok. */
export function classifyGlob(pattern: string, d: string): GlobMatcher {
  const literal = (s: string) => !GLOB_SPECIAL.test(s);
  if (literal(pattern)) return { t: "eq", v: pattern, d };
  if (pattern.endsWith("**") && literal(pattern.slice(0, -2))) return { t: "prefix", v: pattern.slice(0, -2), d };
  if (pattern.startsWith("**") && literal(pattern.slice(2))) return { t: "suffix", v: pattern.slice(2), d };
  if (pattern.endsWith("*") && literal(pattern.slice(0, -1))) return { t: "segment", v: pattern.slice(0, -1), d };
  return { t: "glob", v: pattern, d };
}

const globs = (patterns: string[] | undefined, d: string) => (patterns ?? []).map((p) => classifyGlob(p, d));

export type CompiledRule = {
  id: string;
  effect: TRule["effect"];
  priority: number;
  /** main.rego's sort_key(priority, effect), precomputed: ascending order puts the winner first. */
  sort_key: number;
  shadow: boolean;
  message: string;
  kind: "any" | "request" | "action";
  upstreams: string[];
  methods: string[];
  paths: GlobMatcher[];
  headers: { name: string; op: string; value: string | null }[];
  body: { path: string; op: string; value: unknown }[];
  agents: string[];
  agent_roles: string[];
  tools: GlobMatcher[];
  actions: GlobMatcher[];
  resources: GlobMatcher[];
  findings: { categories: string[]; min_score: number; rule_ids: GlobMatcher[] } | null;
  risk: { gte: number; lt: number } | null;
  time: { days: number[]; from: number; to: number } | null;
};

export type CompiledRules = {
  /** Rules bucketed by the input kind they can match ("any" rules are in both buckets). */
  data: { tenant: { by_kind: { request: CompiledRule[]; action: CompiledRule[] } } };
  headerNames: string[];
  bodyPaths: [path: string, segments: JsonPathSegment[]][];
};

/** Same formula as sort_key in main.rego; equivalence.test.ts compares the two paths. */
export function rankSortKey(priority: number, effect: TRule["effect"]): number {
  return -(priority * 10 + SEVERITY[effect]);
}

export function compileRules(rules: readonly TRule[]): CompiledRules {
  const headerNames = new Set<string>();
  const bodyPaths = new Map<string, JsonPathSegment[]>();
  const compiled: CompiledRule[] = [];

  for (const rule of rules) {
    if (!rule.enabled) continue;
    const w = rule.when;
    for (const h of w.headers ?? []) headerNames.add(h.name.toLowerCase());
    for (const b of w.body ?? []) {
      const segments = parseJsonPath(b.path);
      // The schema already rejected bad paths; this guards callers that skipped ZRule.parse.
      if (!segments) throw new Error(`rule ${rule.id}: unsupported JSON path ${b.path}`);
      bodyPaths.set(b.path, segments);
    }
    compiled.push({
      id: rule.id,
      effect: rule.effect,
      priority: rule.priority,
      sort_key: rankSortKey(rule.priority, rule.effect),
      shadow: rule.shadow,
      message: rule.message ?? `rule ${rule.name ?? rule.id} matched`,
      kind: w.kind ?? "any",
      upstreams: w.upstreams ?? [],
      methods: (w.methods ?? []).map((m) => m.toUpperCase()),
      paths: globs(w.paths, "/"),
      headers: (w.headers ?? []).map((h) => ({ name: h.name.toLowerCase(), op: h.op, value: h.value ?? null })),
      body: (w.body ?? []).map((b) => ({ path: b.path, op: b.op, value: b.value ?? null })),
      agents: w.agents ?? [],
      agent_roles: w.agent_roles ?? [],
      tools: globs(w.tools, "."),
      actions: globs(w.actions, "."),
      resources: globs(w.resources, "/"),
      findings: w.findings
        ? {
            categories: w.findings.categories ?? [],
            min_score: w.findings.min_score ?? 0,
            rule_ids: globs(w.findings.rule_ids, "."),
          }
        : null,
      risk: w.risk ? { gte: w.risk.gte ?? 0, lt: w.risk.lt ?? 101 } : null,
      time: w.time
        ? {
            days: (w.time.days ?? []).map((d) => DAYS.indexOf(d)),
            from: w.time.hours?.from ?? 0,
            to: w.time.hours?.to ?? 24,
          }
        : null,
    });
  }

  const by_kind = {
    request: compiled.filter((r) => r.kind !== "action"),
    action: compiled.filter((r) => r.kind !== "request"),
  };
  return { data: { tenant: { by_kind } }, headerNames: [...headerNames], bodyPaths: [...bodyPaths] };
}
