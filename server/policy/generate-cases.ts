// Seeded random rule sets and inputs for the matcher equivalence test (equivalence.test.ts) and
// the bench's old-versus-new check. Values come from small pools that overlap on purpose, so a
// good share of rules match and every condition type and operator meets hits, misses, missing
// fields, wrong types and awkward globs. Not used at runtime.
import { ZRule, type TRule, type TRuleInput } from "./rule-schema";
import type { Finding, PolicyInput } from "./types";

export type Rng = { next(): number; pick<T>(xs: readonly T[]): T; chance(p: number): boolean; some<T>(xs: readonly T[]): T[] };

/** mulberry32: tiny, fast, good enough to spread cases. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const some = <T>(xs: readonly T[]): T[] => {
    const out = xs.filter(() => next() < 0.4);
    return out.length > 0 ? out : [pick(xs)];
  };
  return { next, pick, chance: (p) => next() < p, some };
}

const PATH_GLOBS = ["/v1/**", "/v1/*", "/v1/items", "**/42", "/v1/*/refunds", "/admin/{users,roles}", "/v?/items", "/files/[a-c]*", "/v1/items/*", "*", "/api/**", "**"];
const PATHS = ["/v1/items", "/v1/items/42", "/v1/x/refunds", "/admin/roles", "/admin/users/1", "/v2/items", "/files/b.txt", "/files/z.txt", "/v1/items?q=1", "/api/v1/namespaces/prod", "/v1/../etc/passwd", "/", "/v1/42/items"];
const TOOL_GLOBS = ["github", "aws.*", "tool4.*", "**.jira", "aws.s3.{get,put}", "gith?b", "*"];
const TOOLS = ["github", "aws.s3", "aws.s3.get", "tool4.jira", "x.jira.admin", "k8s", "shell", "gitlab"];
const ACTION_GLOBS = ["create_*", "delete_*", "exec", "*_issue", "{create,update}_ticket", "[cd]*"];
const ACTIONS = ["create_issue", "create_ticket", "update_ticket", "delete_repo", "exec", "query", "delete", "stop_logging"];
const RESOURCE_GLOBS = ["repo/**", "namespaces/*", "projects/ops", "**/main", "repo/acme/*"];
const RESOURCES = ["repo/acme/web", "repo/acme/web/main", "namespaces/staging", "namespaces/production", "projects/ops", "trail/main", ""];
const RULE_ID_GLOBS = ["pii.*", "sqli.tautology", "*.generic", "secret.{aws,gcp}"];
const HEADER_NAMES = ["x-env", "user-agent", "x-api-version"];
const HEADER_VALUES = ["prod", "curl/8.0", "2024-01", "staging", "Prod", ""];
const BODY_PATHS = ["$.amount", "$.user.role", "$.tags", "$.tags[0]", '$["odd key"]', "$.missing", "$.nested.obj", "$.enabled"];
const SCALARS: readonly (string | number | boolean | null)[] = [5, 10_000, 25_000, 10_000.5, "100", "admin", "dm", "vip", true, false, null, 0];
const CATEGORIES = ["sqli", "pii", "secret", "traversal", "xss"] as const;
// Action params that the hard-deny baselines read (and near misses).
const BASELINE_PARAMS: readonly Record<string, unknown>[] = [
  { sql: "select 1" },
  { sql: "DROP TABLE users" },
  { query: "delete from t where id = 1" },
  { statement: "DELETE FROM accounts;" },
  { command: "kubectl delete ns production" },
  { command: "kubectl get ns prod" },
  { cmd: "systemctl stop auditd" },
  { script: "aws cloudtrail stop-logging --name main" },
  { namespace: "prod-eu" },
  { namespace: "staging" },
  { enabled: false },
];
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

// One to three conditions per rule: with more, almost nothing matches and the test proves little.
const CONDITIONS = ["upstreams", "methods", "paths", "headers", "body", "body", "agents", "agent_roles", "tools", "actions", "resources", "findings", "risk", "time"] as const;

export function randomRule(rng: Rng, id: string): TRule {
  const w: NonNullable<TRuleInput["when"]> = {};
  if (rng.chance(0.3)) w.kind = rng.pick(["request", "action"] as const);
  for (let k = rng.pick([1, 1, 2, 2, 3]); k > 0; k--) {
    switch (rng.pick(CONDITIONS)) {
      case "upstreams":
        w.upstreams = rng.some(["api", "billing"]);
        break;
      case "methods":
        w.methods = rng.some(["GET", "post", "DELETE", "PUT"]);
        break;
      case "paths":
        w.paths = rng.some(PATH_GLOBS);
        break;
      case "headers":
        w.headers = few(rng, HEADER_NAMES).map((name) => {
          const op = rng.pick(["present", "absent", "equals", "contains", "prefix"] as const);
          return op === "present" || op === "absent" ? { name, op } : { name, op, value: rng.pick(HEADER_VALUES) };
        });
        break;
      case "body":
        w.body = few(rng, BODY_PATHS).map((path) => bodyCondition(rng, path));
        break;
      case "agents":
        w.agents = rng.some(["agent-1", "agent-7"]);
        break;
      case "agent_roles":
        w.agent_roles = rng.some(["ops", "triage"]);
        break;
      case "tools":
        w.tools = rng.some(TOOL_GLOBS);
        break;
      case "actions":
        w.actions = rng.some(ACTION_GLOBS);
        break;
      case "resources":
        w.resources = rng.some(RESOURCE_GLOBS);
        break;
      case "findings":
        w.findings = {
          ...(rng.chance(0.6) ? { categories: rng.some(CATEGORIES) } : {}),
          ...(rng.chance(0.5) ? { min_score: rng.pick([0, 30, 50, 85]) } : {}),
          ...(rng.chance(0.4) ? { rule_ids: rng.some(RULE_ID_GLOBS) } : {}),
        };
        break;
      case "risk":
        w.risk = { ...(rng.chance(0.7) ? { gte: rng.pick([0, 20, 50]) } : {}), ...(rng.chance(0.5) ? { lt: rng.pick([50, 80, 101]) } : {}) };
        break;
      case "time": {
        const from = rng.pick([0, 8, 22]);
        w.time = { ...(rng.chance(0.7) ? { days: rng.some(DAYS) } : {}), ...(rng.chance(0.7) ? { hours: { from, to: rng.pick([6, 20, 24].filter((t) => t !== from)) } } : {}) };
        break;
      }
    }
  }
  return ZRule.parse({
    id,
    effect: rng.pick(["ALLOW", "MONITOR", "THROTTLE", "ESCALATE", "BLOCK"] as const),
    priority: rng.pick([1, 50, 100, 100, 100, 500, 501, 1000]),
    shadow: rng.chance(0.1),
    enabled: rng.chance(0.9),
    ...(rng.chance(0.5) ? { message: `message ${id}` } : {}),
    when: w,
  });
}

// Header and body conditions are ANDed: more than two rarely all hold, so pick one or two.
function few<T>(rng: Rng, xs: readonly T[]): T[] {
  const first = rng.pick(xs);
  const second = rng.pick(xs);
  return rng.chance(0.7) || second === first ? [first] : [first, second];
}

function bodyCondition(rng: Rng, path: string): NonNullable<NonNullable<TRuleInput["when"]>["body"]>[number] {
  const op = rng.pick(["exists", "absent", "equals", "not_equals", "in", "contains", "gt", "gte", "lt", "lte"] as const);
  switch (op) {
    case "exists":
    case "absent":
      return { path, op };
    case "in":
      return { path, op, value: rng.some(SCALARS) };
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      return { path, op, value: rng.pick([0, 5, 100, 10_000, 10_000.5]) };
    default:
      return { path, op, value: rng.chance(0.15) ? rng.some(SCALARS) : rng.pick(SCALARS) };
  }
}

export function randomInput(rng: Rng): PolicyInput {
  const findings: Finding[] = [];
  for (let i = rng.pick([0, 0, 1, 2]); i > 0; i--) {
    const category = rng.pick(CATEGORIES);
    findings.push({
      category,
      rule_id: rng.pick([`${category}.generic`, "pii.email", "sqli.tautology", "secret.aws", "secret.azure"]),
      score: rng.pick([10, 30, 45, 50, 85, 100]),
      location: "body",
      evidence: rng.pick(["", "a@b.c", "' or 1=1", "1; drop table users"]),
    });
  }
  const base = {
    posture: rng.pick(["allow_by_default", "deny_by_default"] as const),
    ...(rng.chance(0.6) ? { upstream: { name: rng.pick(["api", "billing", "infra"]), posture: rng.pick(["allow_by_default", "deny_by_default"] as const) } } : {}),
    ...(rng.chance(0.5) ? { agent: { id: rng.pick(["agent-1", "agent-7", "agent-9"]), ...(rng.chance(0.8) ? { role: rng.pick(["ops", "triage", "dev"]) } : {}) } } : {}),
    findings,
    risk: rng.pick([0, 10, 35, 49, 50, 79, 80, 95]),
    now: new Date(Date.UTC(2025, 0, 5 + Math.floor(rng.next() * 7), rng.pick([0, 5, 6, 8, 12, 19, 20, 22, 23]), 15)).toISOString(),
    ...(rng.chance(0.15) ? { owner_relaxations: rng.some(["baseline.traversal", "baseline.destructive_sql", "baseline.audit_disable"]) } : {}),
  };
  const body = randomBody(rng);
  if (rng.chance(0.5)) {
    const headers: Record<string, string> = {};
    for (const name of rng.some(HEADER_NAMES)) headers[rng.chance(0.3) ? name.toUpperCase() : name] = rng.pick(HEADER_VALUES);
    const method = rng.pick(["GET", "post", "DELETE", "PUT", "PATCH"]);
    return { kind: "request", ...base, request: { method, path: rng.pick(PATHS), headers, ...(body === undefined ? {} : { body }) } };
  }
  const params = body ?? (rng.chance(0.5) ? rng.pick(BASELINE_PARAMS) : undefined);
  return {
    kind: "action",
    ...base,
    action: {
      tool: rng.pick(TOOLS),
      action: rng.pick(ACTIONS),
      ...(rng.chance(0.8) ? { resource: rng.pick(RESOURCES) } : {}),
      ...(rng.chance(0.3) ? { agent: rng.pick(["agent-1", "agent-7"]) } : {}),
      ...(params === undefined ? {} : { params }),
    },
  };
}

function randomBody(rng: Rng): unknown {
  if (rng.chance(0.3)) return undefined;
  if (rng.chance(0.1)) return rng.pick([[1, 2], "text", 42, null]);
  const body: Record<string, unknown> = {};
  if (rng.chance(0.6)) body.amount = rng.pick(SCALARS);
  if (rng.chance(0.5)) body.user = rng.chance(0.8) ? { role: rng.pick(SCALARS) } : rng.pick(SCALARS);
  if (rng.chance(0.5)) body.tags = rng.chance(0.8) ? rng.some(SCALARS) : rng.pick(SCALARS);
  if (rng.chance(0.3)) body["odd key"] = rng.pick(SCALARS);
  if (rng.chance(0.3)) body.nested = { obj: rng.pick([{ a: 1 }, [1, "a"], null, 5]) };
  if (rng.chance(0.2)) body.enabled = rng.pick([true, false, "false"]);
  return body;
}

export function randomRuleSet(rng: Rng, size: number, prefix = "g"): TRule[] {
  return Array.from({ length: size }, (_, i) => randomRule(rng, `${prefix}${i}-${Math.floor(rng.next() * 1000)}`));
}
