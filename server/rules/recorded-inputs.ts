// The policy input of past requests, for "what would this draft change on my
// last N requests?". The record stage stores a compact, redacted copy in the
// audit event's flight (`policy_input`): no headers, no request body, action
// params only when small (≤ 2 KB of JSON) and masked with the one masking table,
// findings without evidence. Replays are therefore approximate for rules that
// test headers or request bodies (those conditions see nothing) — docs/rules.md.
import type { Db } from "@/server/db/client";
import { maskValue } from "@/server/inspection/dlp/patterns";
import type { GatewayContext } from "@/server/gateway/types";
import type { Finding, PolicyInput, Posture } from "@/server/policy";

export const MAX_PARAMS_JSON = 2048;

export type TRecordedInput = {
  v: 1;
  kind: "request" | "action";
  posture: Posture;
  upstream: string | null;
  method: string;
  path: string;
  agent: { id: string; role?: string } | null;
  action?: { agent?: string; tool: string; action: string; resource?: string; params?: unknown; params_omitted?: "too_large" | "sensitive" };
  findings: Omit<Finding, "evidence">[];
  risk: number;
};

function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return maskValue(value);
  if (depth > 8 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v, depth + 1)]));
}

/** Null when the request never reached the policy stage (nothing to replay). */
export function compactPolicyInput(ctx: GatewayContext): TRecordedInput | null {
  if (!ctx.policy || !ctx.org) return null;
  const findings = ctx.findings.map(({ category, rule_id, score, location }) => ({ category, rule_id, score, location }));
  let action: TRecordedInput["action"];
  if (ctx.action) {
    const { agent, tool, action: name, resource, params } = ctx.action;
    action = { agent, tool, action: name, resource: resource === undefined ? undefined : maskValue(resource.slice(0, 1000)) };
    if (params !== undefined) {
      // A secret found anywhere means the params are not kept at all, masked or not.
      const json = JSON.stringify(params) ?? "";
      if (findings.some((f) => f.category === "secret")) action.params_omitted = "sensitive";
      else if (json.length > MAX_PARAMS_JSON) action.params_omitted = "too_large";
      else action.params = maskDeep(params);
    }
  }
  return {
    v: 1, kind: ctx.action ? "action" : "request", posture: ctx.upstream?.posture ?? ctx.org.posture, upstream: ctx.upstream?.name ?? ctx.alias,
    method: ctx.method, path: maskValue(ctx.upstreamPath.slice(0, 512)),
    agent: ctx.caller?.agent ? { id: ctx.caller.agent, role: ctx.caller.role } : null, action, findings, risk: ctx.risk,
  };
}

export function toPolicyInput(rec: TRecordedInput, at: Date, ownerRelaxations: string[]): PolicyInput {
  return {
    kind: rec.kind,
    posture: rec.posture,
    upstream: rec.upstream ? { name: rec.upstream, posture: rec.posture } : undefined,
    request: rec.kind === "request" ? { method: rec.method, path: rec.path, headers: {} } : undefined,
    action: rec.action ? { agent: rec.action.agent, tool: rec.action.tool, action: rec.action.action, resource: rec.action.resource, params: rec.action.params } : undefined,
    agent: rec.agent ?? undefined,
    findings: rec.findings.map((f) => ({ ...f, evidence: "" })),
    risk: rec.risk,
    now: at.toISOString(),
    owner_relaxations: ownerRelaxations,
  };
}

function isRecordedInput(v: unknown): v is TRecordedInput {
  const r = v as Partial<TRecordedInput> | null;
  return !!r && r.v === 1 && (r.kind === "request" || r.kind === "action") && typeof r.method === "string" && Array.isArray(r.findings);
}

export type TReplayable = { requestId: string; ts: Date; decision: string; input: PolicyInput; label: string };

/** The org's last `limit` recorded requests that reached the policy stage, newest first. */
export async function findRecentPolicyInputs(sdb: Db, p: { limit: number; ownerRelaxations: string[] }): Promise<TReplayable[]> {
  const rows = await sdb.auditEvent.findMany({
    where: { flight: { path: ["policy_input", "v"], equals: 1 } },
    orderBy: { seq: "desc" },
    take: p.limit,
    select: { requestId: true, ts: true, decision: true, flight: true },
  });
  const out: TReplayable[] = [];
  for (const row of rows) {
    const rec = (row.flight as { policy_input?: unknown } | null)?.policy_input;
    if (!isRecordedInput(rec)) continue;
    const label = rec.action ? `${rec.action.tool}.${rec.action.action}${rec.action.resource ? ` ${rec.action.resource}` : ""}` : `${rec.method} ${rec.upstream ?? ""}${rec.path}`;
    out.push({ requestId: row.requestId, ts: row.ts, decision: row.decision, input: toPolicyInput(rec, row.ts, p.ownerRelaxations), label });
  }
  return out;
}
