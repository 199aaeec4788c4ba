// Builds the flat view the platform policy reads from the gateway's PolicyInput. Headers and body
// fields are projected to what the org's rules reference; they feed the compiled matcher
// (match-rules.ts) and the Rego reference path, while the hot path's wasm input (toWasmInput)
// drops them, since serializing into wasm memory costs per byte.
import type { CompiledRules } from "./compile-rules";
import { readJsonPath } from "./json-path";
import type { PolicyInput } from "./types";

export type PolicyView = {
  kind: "request" | "action";
  posture: string;
  upstream: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  fields: Record<string, unknown>;
  tool: string;
  action: string;
  resource: string;
  agent_id: string;
  agent_role: string;
  commands: string[];
  namespace: string;
  audit_enabled: boolean | null;
  findings: { category: string; rule_id: string; score: number; evidence: string }[];
  risk: number;
  dow: number;
  hour: number;
  relaxed: string[];
};

type Projection = Pick<CompiledRules, "headerNames" | "bodyPaths">;

// Params that carry statements or shell commands an agent wants run (baseline.destructive_sql,
// baseline.prod_namespace_delete, baseline.audit_disable look at them).
const COMMAND_PARAMS = ["query", "sql", "statement", "command", "cmd", "script"] as const;
const MAX_TEXT = 4096;

export function buildPolicyView(input: PolicyInput, projection: Projection): PolicyView {
  const at = new Date(input.now);
  if (Number.isNaN(at.getTime())) throw new Error(`policy input: invalid now ${JSON.stringify(input.now)}`);

  const request = input.request;
  const action = input.action;
  const payload = input.kind === "action" ? action?.params : request?.body;

  const headers: Record<string, string> = {};
  if (request && projection.headerNames.length > 0) {
    for (const [name, value] of Object.entries(request.headers)) {
      const lower = name.toLowerCase();
      if (projection.headerNames.includes(lower)) headers[lower] = value;
    }
  }

  const fields: Record<string, unknown> = {};
  for (const [path, segments] of projection.bodyPaths) {
    const value = readJsonPath(payload, segments);
    if (value !== undefined) fields[path] = value;
  }

  const params = isRecord(action?.params) ? action.params : {};
  const commands: string[] = [];
  for (const key of COMMAND_PARAMS) {
    const value = params[key];
    if (typeof value === "string") commands.push(value.slice(0, MAX_TEXT));
  }
  const enabled = readJsonPath(payload, ["enabled"]);

  return {
    kind: input.kind,
    posture: input.upstream?.posture ?? input.posture,
    upstream: input.upstream?.name ?? "",
    method: (request?.method ?? "").toUpperCase(),
    // Query strings are the inspection stage's business; rules match the path alone.
    path: (request?.path ?? "").split("?", 1)[0] ?? "",
    headers,
    fields,
    tool: action?.tool ?? "",
    action: action?.action ?? "",
    resource: action?.resource ?? "",
    agent_id: input.agent?.id ?? action?.agent ?? "",
    agent_role: input.agent?.role ?? "",
    commands,
    namespace: typeof params.namespace === "string" ? params.namespace : "",
    audit_enabled: typeof enabled === "boolean" ? enabled : null,
    findings: input.findings.map((f) => ({
      category: f.category,
      rule_id: f.rule_id,
      score: f.score,
      evidence: f.evidence.slice(0, MAX_TEXT),
    })),
    risk: input.risk,
    dow: at.getUTCDay(),
    hour: at.getUTCHours(),
    relaxed: input.owner_relaxations ?? [],
  };
}

/**
 * What crosses into wasm on the hot path: the view minus what only rule matching reads (headers,
 * body fields; match-rules.ts has already used them), plus the matching rule indexes.
 */
export function toWasmInput(view: PolicyView, matched: number[]): Omit<PolicyView, "headers" | "fields"> & { matched: number[] } {
  const { headers: _headers, fields: _fields, ...rest } = view;
  return { ...rest, matched };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
