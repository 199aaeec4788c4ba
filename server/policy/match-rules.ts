// Tenant rule matching, compiled to closures once per (org, rules version). This is the hot-path
// twin of policies/aegis/rules.rego: it reads the same normalized rules (compile-rules.ts) and the
// same view (policy-view.ts), and hands the platform policy only the indexes of the rules that
// hold (input.matched). Ranking, baselines, risk and posture stay in Rego. rules.rego remains the
// reference: with no input.matched the policy matches in Rego, and equivalence.test.ts requires
// both paths to give identical results on thousands of generated rule sets and inputs.
//
// Why: walking 50 rules condition by condition inside wasm cost 15-20 us per evaluation; the
// closures below cost about 1 us (bench/results/policy.md).
import type { CompiledRule, CompiledRules, GlobMatcher } from "./compile-rules";
import { compileGlob } from "./glob";
import type { PolicyView } from "./policy-view";
import { compareNumberWith, regoEqual } from "./rego-values";

/** OPA's glob.match(pattern, [delimiter], value), for globs compileGlob does not translate. */
export type GlobMatch = (pattern: string, delimiter: string, value: string) => boolean;

type Check = (view: PolicyView) => boolean;

export type RuleMatcher = {
  /** Indexes into data.tenant.by_kind[view.kind] of the rules whose conditions all hold. */
  match(view: PolicyView): number[];
};

export function compileMatcher(rules: CompiledRules, globMatch: GlobMatch): RuleMatcher {
  const buckets = {
    request: rules.data.tenant.by_kind.request.map((r) => compileRule(r, globMatch)),
    action: rules.data.tenant.by_kind.action.map((r) => compileRule(r, globMatch)),
  };
  return {
    match(view) {
      const bucket = buckets[view.kind];
      const out: number[] = [];
      for (let i = 0; i < bucket.length; i++) {
        const checks = bucket[i] as Check[];
        let ok = true;
        for (let c = 0; c < checks.length && ok; c++) ok = (checks[c] as Check)(view);
        if (ok) out.push(i);
      }
      return out;
    },
  };
}

// Cheapest, most selective checks first; an empty list or a null object constrains nothing.
function compileRule(r: CompiledRule, globMatch: GlobMatch): Check[] {
  const checks: Check[] = [];
  const glob = (list: GlobMatcher[]) => compileGlobs(list, globMatch);
  if (r.methods.length > 0) checks.push((v) => r.methods.includes(v.method));
  if (r.upstreams.length > 0) checks.push((v) => r.upstreams.includes(v.upstream));
  if (r.agents.length > 0) checks.push((v) => r.agents.includes(v.agent_id));
  if (r.agent_roles.length > 0) checks.push((v) => r.agent_roles.includes(v.agent_role));
  if (r.paths.length > 0) checks.push(((g) => (v: PolicyView) => g(v.path))(glob(r.paths)));
  if (r.tools.length > 0) checks.push(((g) => (v: PolicyView) => g(v.tool))(glob(r.tools)));
  if (r.actions.length > 0) checks.push(((g) => (v: PolicyView) => g(v.action))(glob(r.actions)));
  if (r.resources.length > 0) checks.push(((g) => (v: PolicyView) => g(v.resource))(glob(r.resources)));
  for (const h of r.headers) checks.push(compileHeader(h));
  for (const b of r.body) checks.push(compileField(b));
  if (r.risk) {
    const { gte, lt } = r.risk;
    checks.push((v) => v.risk >= gte && v.risk < lt);
  }
  if (r.time) {
    const { days, from, to } = r.time;
    checks.push((v) => (days.length === 0 || days.includes(v.dow)) && (from <= to ? v.hour >= from && v.hour < to : v.hour >= from || v.hour < to));
  }
  if (r.findings) {
    const { categories, min_score } = r.findings;
    const ruleIds = r.findings.rule_ids.length > 0 ? glob(r.findings.rule_ids) : null;
    checks.push((v) =>
      v.findings.some(
        (f) => (categories.length === 0 || categories.includes(f.category)) && f.score >= min_score && (ruleIds === null || ruleIds(f.rule_id)),
      ),
    );
  }
  return checks;
}

function compileGlobs(list: GlobMatcher[], globMatch: GlobMatch): (value: string) => boolean {
  const tests = list.map((m): ((s: string) => boolean) => {
    const { v, d } = m;
    switch (m.t) {
      case "eq":
        return (s) => s === v;
      case "prefix":
        return (s) => s.startsWith(v);
      case "suffix":
        return (s) => s.endsWith(v);
      case "segment":
        return (s) => s.startsWith(v) && !s.includes(d, v.length);
      case "glob":
        return compileGlob(v, d) ?? ((s) => globMatch(v, d, s));
    }
  });
  return (s) => tests.some((t) => t(s));
}

/** The value under `key`, or undefined when the key is absent (inherited names never count). */
const own = (obj: Readonly<Record<string, unknown>>, key: string): unknown => (Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined);
const isDefined = (x: unknown) => x !== undefined;
const isUndefined = (x: unknown) => x === undefined;

function compileHeader(h: CompiledRule["headers"][number]): Check {
  const { name, value } = h;
  const on = (test: (x: unknown) => boolean): Check => (v) => test(own(v.headers, name));
  switch (h.op) {
    case "present":
      return on(isDefined);
    case "absent":
      return on(isUndefined);
    case "equals":
      return on((x) => x !== undefined && regoEqual(x, value));
    case "contains":
      return on((x) => typeof x === "string" && typeof value === "string" && x.includes(value));
    case "prefix":
      return on((x) => typeof x === "string" && typeof value === "string" && x.startsWith(value));
    default:
      return () => false; // an unknown op has no header_ok body in Rego either
  }
}

function compileField(b: CompiledRule["body"][number]): Check {
  const { path, value } = b;
  const on = (test: (x: unknown) => boolean): Check => (v) => test(own(v.fields, path));
  const numeric = (ok: (sign: number) => boolean): Check => on((x) => typeof x === "number" && ok(compareNumberWith(x, value)));
  switch (b.op) {
    case "exists":
      return on(isDefined);
    case "absent":
      return on(isUndefined);
    case "equals":
      return on((x) => x !== undefined && regoEqual(x, value));
    case "not_equals":
      return on((x) => x !== undefined && !regoEqual(x, value));
    case "in":
      return on((x) => x !== undefined && memberOf(value, x));
    case "contains":
      return on((x) => {
        if (typeof x === "string") return typeof value === "string" && x.includes(value);
        return Array.isArray(x) && x.some((e) => regoEqual(e, value));
      });
    case "gt":
      return numeric((s) => s > 0);
    case "gte":
      return numeric((s) => s >= 0);
    case "lt":
      return numeric((s) => s < 0);
    case "lte":
      return numeric((s) => s <= 0);
    default:
      return () => false;
  }
}

// Rego's `x in coll`: members of an array, values of an object; nothing else has members.
function memberOf(coll: unknown, x: unknown): boolean {
  if (Array.isArray(coll)) return coll.some((e) => regoEqual(e, x));
  if (coll !== null && typeof coll === "object") return Object.values(coll).some((e) => regoEqual(e, x));
  return false;
}
