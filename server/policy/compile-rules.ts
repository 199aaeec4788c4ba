// Turns tenant rules into the normalized document policies/aegis/rules.rego expects (every list
// present, optional objects null) plus the projection the view needs: which headers and body
// paths any rule reads. Done once per (org, rules version), never per request.
import { parseJsonPath, type JsonPathSegment } from "./json-path";
import { DAYS, type TRule } from "./rule-schema";

export type CompiledRule = {
  id: string;
  effect: TRule["effect"];
  priority: number;
  shadow: boolean;
  message: string;
  kind: "any" | "request" | "action";
  upstreams: string[];
  methods: string[];
  paths: string[];
  headers: { name: string; op: string; value: string | null }[];
  body: { path: string; op: string; value: unknown }[];
  agents: string[];
  agent_roles: string[];
  tools: string[];
  actions: string[];
  resources: string[];
  findings: { categories: string[]; min_score: number; rule_ids: string[] } | null;
  risk: { gte: number; lt: number } | null;
  time: { days: number[]; from: number; to: number } | null;
};

export type CompiledRules = {
  data: { tenant: { rules: CompiledRule[] } };
  headerNames: string[];
  bodyPaths: [path: string, segments: JsonPathSegment[]][];
};

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
      shadow: rule.shadow,
      message: rule.message ?? `rule ${rule.name ?? rule.id} matched`,
      kind: w.kind ?? "any",
      upstreams: w.upstreams ?? [],
      methods: (w.methods ?? []).map((m) => m.toUpperCase()),
      paths: w.paths ?? [],
      headers: (w.headers ?? []).map((h) => ({ name: h.name.toLowerCase(), op: h.op, value: h.value ?? null })),
      body: (w.body ?? []).map((b) => ({ path: b.path, op: b.op, value: b.value ?? null })),
      agents: w.agents ?? [],
      agent_roles: w.agent_roles ?? [],
      tools: w.tools ?? [],
      actions: w.actions ?? [],
      resources: w.resources ?? [],
      findings: w.findings
        ? {
            categories: w.findings.categories ?? [],
            min_score: w.findings.min_score ?? 0,
            rule_ids: w.findings.rule_ids ?? [],
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

  return { data: { tenant: { rules: compiled } }, headerNames: [...headerNames], bodyPaths: [...bodyPaths] };
}
