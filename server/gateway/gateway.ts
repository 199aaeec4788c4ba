// The framework-free gateway core: handle(Request) → Response, used by the
// fast path in server/main.ts and by the App Router route handler alike.
// /v1/gateway/evaluate       decision only, for agents that run tools themselves
// /v1/gateway/{alias}/{path} check, forward with the secret injected, filter
// /v1/audit/*                the org's receipts, keys and consistency proofs
// /v1/intents                an agent's approved, unused intents (poll instead of waiting)
import { randomUUID } from "node:crypto";
import type { GatewayDeps } from "@/server/gateway/deps";
import { buildContext, fromWebRequest, RequestError, type TRequestParts } from "@/server/gateway/request";
import { baseHeaders, jsonResponse, plainError, stopResponse } from "@/server/gateway/respond";
import { runDecisionStages, timed } from "@/server/gateway/pipeline";
import { recordDecision } from "@/server/gateway/stages/06-record";
import { executeUpstream } from "@/server/gateway/stages/07-execute";
import { filterResponse } from "@/server/gateway/stages/08-output-filter";
import type { GatewayContext, Stop } from "@/server/gateway/types";
import { log } from "@/server/log/logger";
import { handleIntentsPoll } from "@/server/intents/poll";

export type TRequestMeta = { remoteAddress?: string };

export interface Gateway {
  handle(req: Request, meta?: TRequestMeta): Promise<Response>;
  /** /v1/gateway/* (proxy and evaluate) from request parts: the node:http fast path's entry. */
  handleGateway(parts: TRequestParts, meta?: TRequestMeta): Promise<Response>;
  deps: GatewayDeps;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

function evaluateResponse(ctx: GatewayContext): Response {
  const body = {
    request_id: ctx.requestId,
    decision: ctx.shadow ? "MONITOR" : ctx.decision,
    shadow_decision: ctx.shadow?.decision ?? null,
    reasons: ctx.policy?.reasons ?? [],
    rule_ids: ctx.ruleIds,
    findings: ctx.findings,
    risk: ctx.risk,
    approval_id: ctx.approvalId,
    audit_seq: ctx.auditSeq,
  };
  return jsonResponse(body, 200, baseHeaders(ctx));
}

function logStop(ctx: GatewayContext, stop: Stop): void {
  log.info("gateway stop", {
    request_id: ctx.requestId, org_id: ctx.org?.orgId ?? null, agent: ctx.caller?.agent ?? null, upstream: ctx.alias,
    method: ctx.method, status: stop.status, code: stop.code, decision: stop.decision, stage: ctx.decidedBy, remote: ctx.remoteAddress,
  });
}

async function handleGateway(ctx: GatewayContext, deps: GatewayDeps): Promise<Response> {
  let stop: Stop | null = await runDecisionStages(ctx, deps);
  const recorded = await timed(ctx, "record", () => recordDecision(ctx, deps), (ok) => (ok ? "continue" : "error"));
  if (!recorded) {
    return stopResponse(ctx, { decision: "BLOCK", status: 503, code: "AUDIT_UNAVAILABLE", message: "The audit trail could not be written; request refused (fail-closed)", headers: { "retry-after": "2" } });
  }
  // The evaluate endpoint answers a policy decision as data (200); stops from
  // earlier stages (credentials, kill switch, quota) are errors of the call itself.
  // A refused intent (INTENT_*) is an error of the call on both endpoints.
  if (ctx.kind === "evaluate" && (!stop || (ctx.decidedBy === "decide" && !stop.code.startsWith("INTENT_")))) return evaluateResponse(ctx);
  if (stop) {
    logStop(ctx, stop);
    return stopResponse(ctx, stop);
  }
  const result = await timed(ctx, "execute", () => executeUpstream(ctx, deps), (r) => (r instanceof Response ? "continue" : "error"));
  if (!(result instanceof Response)) {
    stop = result;
    ctx.decidedBy = "execute";
    return stopResponse(ctx, stop);
  }
  const response = filterResponse(ctx, deps, result, baseHeaders(ctx));
  log.info("gateway", {
    request_id: ctx.requestId, org_id: ctx.org?.orgId, agent: ctx.caller?.agent, upstream: ctx.alias, method: ctx.method,
    status: result.status, decision: ctx.decision, ms: Math.round(performance.now() - ctx.startedAtPerf),
  });
  return response;
}

const requestIdOf = (incoming: string | null | undefined) => (incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID());

function failure(requestId: string, err: unknown): Response {
  if (err instanceof RequestError) return plainError(requestId, err.status, err.code, err.message);
  log.error("gateway failure", { request_id: requestId, err });
  return plainError(requestId, 500, "INTERNAL", "Internal error");
}

export function createGatewayWith(deps: GatewayDeps): Gateway {
  const runGateway = async (parts: TRequestParts, requestId: string, meta: TRequestMeta): Promise<Response> => {
    const ctx = await buildContext(parts, requestId, meta.remoteAddress ?? "unknown", deps.options.maxBodyBytes, deps.now());
    return handleGateway(ctx, deps);
  };
  return {
    deps,
    async handle(req, meta = {}) {
      const requestId = requestIdOf(req.headers.get("x-request-id"));
      try {
        const url = new URL(req.url);
        if (url.pathname.startsWith("/v1/audit/")) return await handleAudit(req, requestId, deps);
        if (url.pathname === "/v1/intents") return await handleIntentsPoll(req, requestId, deps);
        if (!url.pathname.startsWith("/v1/gateway/")) return plainError(requestId, 404, "NOT_FOUND", "No such endpoint");
        return await runGateway(fromWebRequest(req), requestId, meta);
      } catch (err) {
        return failure(requestId, err);
      }
    },
    async handleGateway(parts, meta = {}) {
      const requestId = requestIdOf(parts.headers["x-request-id"]);
      try {
        return await runGateway(parts, requestId, meta);
      } catch (err) {
        return failure(requestId, err);
      }
    },
  };
}

async function handleAudit(req: Request, requestId: string, deps: GatewayDeps): Promise<Response> {
  const headers: Record<string, string> = {};
  req.headers.forEach((v, k) => (headers[k] = v));
  const caller = await deps.credentials.resolve(headers);
  if ("decision" in caller) return plainError(requestId, caller.status, caller.code, caller.message, caller.headers);
  const { handleAuditApi } = await import("@/server/audit/http");
  const res = await handleAuditApi(req, { orgId: caller.orgId, requestId }, deps.db);
  const out = new Headers(res.headers);
  out.set("x-aegis-request-id", requestId);
  return new Response(res.body, { status: res.status, headers: out });
}

export async function createGateway(overrides: Partial<GatewayDeps> = {}): Promise<Gateway> {
  const { buildGatewayDeps } = await import("@/server/gateway/build-deps");
  return createGatewayWith(await buildGatewayDeps(overrides));
}
