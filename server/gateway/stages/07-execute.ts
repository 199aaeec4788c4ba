// Stage 7 — execution: forward method, path, query, headers and body to the
// upstream with its secret injected (hop-by-hop headers and the caller's Aegis
// credentials removed), streaming the response. Per-upstream timeout and a
// circuit breaker (503 with the reason while open). The SSRF guard runs again
// at connect time (DNS may have changed) unless the upstream allows private
// addresses; redirects are returned to the client, never followed.
import { parseInjectTemplate, UpstreamError } from "@/server/proxy/forward";
import { ensureStreamUsage } from "@/server/quota/usage";
import type { GatewayContext, Stop } from "@/server/gateway/types";
import type { GatewayDeps } from "@/server/gateway/deps";

const BUFFER_UP_TO = 256 * 1024;
const STRIP = ["authorization", "x-aegis-key", "x-aegis-agent", "x-aegis-intent", "cookie"];

export async function executeUpstream(ctx: GatewayContext, deps: GatewayDeps): Promise<Response | Stop> {
  const up = ctx.upstream;
  if (!up) return { decision: "BLOCK", status: 404, code: "UNKNOWN_UPSTREAM", message: "No upstream" };
  const check = deps.breakers.check(up.id);
  if (!check.allowed) {
    return {
      decision: ctx.decision, status: 503, code: "CIRCUIT_OPEN",
      message: `Upstream ${up.name} is failing; circuit open (${check.reason})`,
      headers: { "retry-after": String(Math.max(1, Math.ceil(check.retryAfterMs / 1000))) },
    };
  }
  let body: Uint8Array | string | null = ctx.body;
  // OpenAI chat streams report usage only when asked; ask, so cost caps see streamed spend.
  if (ctx.llm?.endpoint === "chat" && ctx.bodyJson && typeof ctx.bodyJson === "object") {
    const patched = ensureStreamUsage(ctx.bodyJson);
    if (patched.isChanged) body = JSON.stringify(patched.body);
  }
  try {
    const res = await deps.forward({
      upstream: {
        baseUrl: up.baseUrl, timeoutMs: up.timeoutMs, allowPrivate: up.allowPrivate,
        injectHeader: up.secret && up.injectTemplate ? parseInjectTemplate(up.injectTemplate, up.secret) : undefined,
      },
      method: ctx.method,
      path: ctx.upstreamPath,
      query: ctx.query,
      headers: ctx.headers,
      body,
      signal: ctx.signal,
      stripHeaders: STRIP,
      // Small complete responses skip the stream machinery. LLM responses keep streaming through
      // the usage meter (and streamed completions must never be held back).
      bufferUpTo: ctx.llm ? 0 : BUFFER_UP_TO,
    });
    deps.breakers.record(up.id, res.status < 500);
    return res;
  } catch (err) {
    const e = err instanceof UpstreamError ? err : new UpstreamError("protocol", (err as Error).message);
    if (e.kind !== "aborted" && e.kind !== "invalid_path") deps.breakers.record(up.id, false);
    const status = e.kind === "aborted" ? 499 : e.status;
    const code = { timeout: "UPSTREAM_TIMEOUT", connect: "UPSTREAM_UNREACHABLE", blocked: "UPSTREAM_BLOCKED", protocol: "UPSTREAM_ERROR", invalid_path: "BAD_PATH", aborted: "CLIENT_CLOSED" }[e.kind];
    return { decision: ctx.decision, status, code, message: `${up.name}: ${e.message}`.slice(0, 300) };
  }
}
