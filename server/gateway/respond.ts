// Every gateway response carries x-aegis-request-id and Server-Timing; stops
// use one JSON shape: {"error": {code, message, decision, stage, rule_id, request_id}}.
import type { GatewayContext, Stop } from "@/server/gateway/types";
import { completeResponse } from "@/server/proxy/complete-body";

const encoder = new TextEncoder();
/** A JSON body known whole: the node adapter sends it in one write with its exact length. */
export const jsonResponse = (body: unknown, status: number, headers: Record<string, string>) =>
  completeResponse(encoder.encode(JSON.stringify(body)), { status, headers: { "content-type": "application/json", "cache-control": "no-store", ...headers } });

export function serverTiming(ctx: Pick<GatewayContext, "flight">): string {
  return ctx.flight.map((f) => `${f.stage.replace(/[^a-z0-9_-]/gi, "_")};dur=${(f.us / 1000).toFixed(3)}`).join(", ");
}

export function baseHeaders(ctx: GatewayContext): Record<string, string> {
  return {
    "x-aegis-request-id": ctx.requestId,
    "server-timing": serverTiming(ctx),
    "x-aegis-decision": ctx.decision,
    ...(ctx.shadow ? { "x-aegis-shadow-decision": ctx.shadow.decision } : {}),
    ...ctx.quotaHeaders,
  };
}

export function stopResponse(ctx: GatewayContext, stop: Stop): Response {
  const body = {
    error: {
      code: stop.code,
      message: stop.message,
      decision: stop.decision,
      stage: ctx.decidedBy,
      rule_id: stop.ruleId ?? null,
      request_id: ctx.requestId,
      ...stop.extra,
    },
  };
  return jsonResponse(body, stop.status, { ...baseHeaders(ctx), ...stop.headers });
}

/** Errors before a context exists (routing, body limits) still get the shape. */
export function plainError(requestId: string, status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return jsonResponse({ error: { code, message, decision: null, stage: null, rule_id: null, request_id: requestId } }, status, { "x-aegis-request-id": requestId, ...headers });
}
