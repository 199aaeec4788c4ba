// Stage 8 — output filter: redact secrets (provider API keys, private keys,
// JWTs, the upstream's own secret) and the org's configured PII classes from
// textual response bodies, streaming ones included (a secret split across
// chunks is still caught; see server/proxy/redact-stream.ts). Also meters LLM
// token usage and adds its cost to the org's and agent's monthly spend.
import { SECRET_PATTERNS, PII_PATTERNS } from "@/server/inspection/dlp/patterns";
import { createRedactor, isRedactableContentType, type TRedactor } from "@/server/proxy/redact-stream";
import { completeBodyOf, completeResponse } from "@/server/proxy/complete-body";
import { createUsageMeter } from "@/server/quota/usage-meter";
import { costUsd } from "@/server/quota/pricing";
import type { TLlmEndpoint } from "@/server/quota/usage";
import { addCost, warnNearCostCap } from "@/server/gateway/cost";
import { log } from "@/server/log/logger";
import type { GatewayContext } from "@/server/gateway/types";
import type { GatewayDeps } from "@/server/gateway/deps";

const redactors = new Map<string, TRedactor>();

function redactorFor(ctx: GatewayContext): TRedactor {
  const classes = ctx.org?.redactPii ?? [];
  const secret = ctx.upstream?.secret ?? null;
  const key = `${classes.join(",")}|${ctx.upstream?.id ?? ""}|${ctx.org?.version ?? 0}`;
  let r = redactors.get(key);
  if (!r) {
    if (redactors.size > 1000) redactors.clear();
    r = createRedactor({
      literals: secret ? [secret] : [],
      patterns: [...SECRET_PATTERNS, ...PII_PATTERNS.filter((p) => classes.includes(p.class))],
    });
    redactors.set(key, r);
  }
  return r;
}

/** Wraps the upstream body (metering, redaction) and sets `extraHeaders` on
 * the one Headers object the response is built with. */
export function filterResponse(ctx: GatewayContext, deps: GatewayDeps, res: Response, extraHeaders: Record<string, string>): Response {
  const whole = ctx.llm ? null : completeBodyOf(res);
  if (whole) return filterComplete(ctx, res, whole, extraHeaders);
  const headers = new Headers(res.headers);
  for (const [k, v] of Object.entries(extraHeaders)) headers.set(k, v);
  let body = res.body as ReadableStream<Uint8Array> | null;
  if (!body) return new Response(null, { status: res.status, statusText: res.statusText, headers });
  if (ctx.llm && res.status < 400) {
    const meter = createUsageMeter(ctx.llm.endpoint as TLlmEndpoint);
    body = body.pipeThrough(meter.stream);
    const org = ctx.org;
    const agent = ctx.caller?.agent;
    void meter.result
      .then(async (usage) => {
        if (!usage || !org) return;
        const usd = costUsd(usage.model ?? "unknown", usage);
        const scopes = [`org:${org.orgId}`, ...(agent ? [`agent:${org.orgId}:${agent}`] : [])];
        const caps = [org.orgQuota?.monthlyCostUsd ?? null, agent ? (org.agentQuotas.get(agent)?.monthlyCostUsd ?? null) : null];
        const totals = await addCost(deps.store, scopes, usd, deps.now());
        await warnNearCostCap(deps, org.orgId, scopes, caps, totals);
        log.debug("llm usage", { request_id: ctx.requestId, model: usage.model, input: usage.inputTokens, output: usage.outputTokens, usd });
      })
      .catch((err: unknown) => log.warn("cost accounting failed", { request_id: ctx.requestId, err }));
  }
  if (isRedactableContentType(headers.get("content-type")) && !headers.get("content-encoding")) {
    body = redactorFor(ctx).redactStream(body, (stats) => {
      if (stats.count > 0) log.info("response redacted", { request_id: ctx.requestId, count: stats.count, by: stats.byId });
    });
    headers.delete("content-length");
  }
  return new Response(body, { status: res.status, statusText: res.statusText, headers });
}

const utf8 = new TextDecoder();
const encoder = new TextEncoder();

/**
 * The same filter on a body that arrived whole: one pass of redactText, exact Content-Length.
 * When nothing is redacted the upstream's Response is returned as is (its headers are ours to
 * change: forward() built it), which saves building a second Response per request.
 */
function filterComplete(ctx: GatewayContext, res: Response, whole: Uint8Array, extraHeaders: Record<string, string>): Response {
  const { headers } = res;
  for (const k in extraHeaders) headers.set(k, extraHeaders[k] as string);
  if (!isRedactableContentType(headers.get("content-type")) || headers.get("content-encoding")) return res;
  const out = redactorFor(ctx).redactText(utf8.decode(whole));
  if (out.count === 0) return res;
  log.info("response redacted", { request_id: ctx.requestId, count: out.count, by: out.byId });
  const bytes = encoder.encode(out.text);
  headers.set("content-length", String(bytes.byteLength));
  return completeResponse(bytes, { status: res.status, statusText: res.statusText, headers });
}
