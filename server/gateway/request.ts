// Turns a request (as TRequestParts) into the gateway context: routing, body limits, UTF-8
// and JSON validation. Malformed input gets a clear 4xx here, before any stage.
import { z } from "zod";
import { detectLlmEndpoint } from "@/server/quota/usage";
import type { ActionInput, GatewayContext } from "@/server/gateway/types";

export class RequestError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

const ALIAS = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const TEXTUAL = /^(?:text\/|application\/(?:[\w.+-]*\+)?(?:json|xml|x-www-form-urlencoded|javascript|graphql|x-ndjson))/i;

export const ZActionDescriptor = z.object({
  agent: z.string().min(1).max(128).optional(),
  tool: z.string().min(1).max(200),
  action: z.string().min(1).max(200),
  resource: z.string().max(2000).optional(),
  params: z.unknown().optional(),
  context: z.unknown().optional(),
});

/**
 * What the gateway core needs of a request, whichever server received it: the Web Request of
 * the App Router mount (fromWebRequest) or node:http's IncomingMessage on the fast path
 * (server/gateway/node-adapter.ts), without building a Web Request there.
 */
export type TRequestParts = {
  /** Absolute URL, or path and query (resolved against a placeholder origin). */
  url: string;
  method: string;
  /** Lower-case names; repeated headers joined with ", " as Headers.get() would. */
  headers: Record<string, string>;
  /** Reads the whole body, refusing more than maxBytes with a 413 RequestError; null when empty. */
  readBody(maxBytes: number): Promise<Uint8Array | null>;
  signal?: AbortSignal;
};

const tooLarge = (maxBytes: number) => new RequestError(413, "PAYLOAD_TOO_LARGE", `Body exceeds ${maxBytes} bytes`);

/** Rejects a declared Content-Length over the limit before reading anything. */
export function checkDeclaredLength(headers: Record<string, string>, maxBytes: number): void {
  const declared = Number(headers["content-length"] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
}

/** Concatenates chunks, throwing 413 as soon as the total passes maxBytes. */
export function createBodyCollector(maxBytes: number) {
  const chunks: Uint8Array[] = [];
  let size = 0;
  return {
    push(chunk: Uint8Array): void {
      size += chunk.byteLength;
      if (size > maxBytes) throw tooLarge(maxBytes);
      chunks.push(chunk);
    },
    result(): Uint8Array | null {
      if (size === 0) return null;
      if (chunks.length === 1) return chunks[0] as Uint8Array;
      const out = new Uint8Array(size);
      let off = 0;
      for (const c of chunks) {
        out.set(c, off);
        off += c.byteLength;
      }
      return out;
    },
  };
}

export function fromWebRequest(req: Request): TRequestParts {
  const headers: Record<string, string> = {};
  req.headers.forEach((v, k) => (headers[k] = v));
  return {
    url: req.url,
    method: req.method,
    headers,
    signal: req.signal,
    async readBody(maxBytes) {
      if (!req.body) return null;
      checkDeclaredLength(headers, maxBytes);
      const reader = req.body.getReader();
      const body = createBodyCollector(maxBytes);
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        try {
          body.push(value);
        } catch (err) {
          await reader.cancel().catch(() => undefined);
          throw err;
        }
      }
      return body.result();
    },
  };
}

const CREDENTIAL_HEADERS = new Set(["authorization", "x-aegis-key", "x-aegis-intent", "cookie", "proxy-authorization"]);

const fatalDecoder = new TextDecoder("utf-8", { fatal: true });

export function parseRoute(pathname: string): { kind: "evaluate" } | { kind: "proxy"; alias: string; rest: string } {
  const rest = pathname.slice("/v1/gateway/".length);
  if (rest === "evaluate") return { kind: "evaluate" };
  const slash = rest.indexOf("/");
  const alias = slash === -1 ? rest : rest.slice(0, slash);
  if (!ALIAS.test(alias)) throw new RequestError(404, "UNKNOWN_UPSTREAM", "Upstream alias must be lower-case letters, digits, '-' or '_'");
  return { kind: "proxy", alias, rest: slash === -1 ? "/" : rest.slice(slash) };
}

const PLACEHOLDER_ORIGIN = "http://gateway.invalid";

export async function buildContext(req: TRequestParts, requestId: string, remoteAddress: string, maxBodyBytes: number, startedAt: number): Promise<GatewayContext> {
  const url = new URL(req.url, PLACEHOLDER_ORIGIN);
  const route = parseRoute(url.pathname);
  if (route.kind === "evaluate" && req.method !== "POST") throw new RequestError(405, "METHOD_NOT_ALLOWED", "Use POST for /v1/gateway/evaluate");
  const { headers } = req;
  const body = await req.readBody(maxBodyBytes);
  const contentType = headers["content-type"] ?? (route.kind === "evaluate" ? "application/json" : "");
  let bodyText: string | null = null;
  let bodyJson: unknown = undefined;
  if (body && (TEXTUAL.test(contentType) || route.kind === "evaluate")) {
    try {
      bodyText = fatalDecoder.decode(body);
    } catch {
      throw new RequestError(400, "INVALID_UTF8", "Request body is not valid UTF-8");
    }
    if (/json/i.test(contentType) || route.kind === "evaluate") {
      try {
        bodyJson = JSON.parse(bodyText);
      } catch (e) {
        throw new RequestError(400, "MALFORMED_JSON", `Request body is not valid JSON: ${(e as Error).message.slice(0, 120)}`);
      }
    }
  }
  let action: ActionInput | null = null;
  if (route.kind === "evaluate") {
    const parsed = ZActionDescriptor.safeParse(bodyJson);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new RequestError(422, "INVALID_ACTION", `Invalid action descriptor: ${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`);
    }
    action = parsed.data;
  }
  const upstreamPath = route.kind === "proxy" ? route.rest : "/evaluate";
  const llmEndpoint = route.kind === "proxy" ? detectLlmEndpoint(upstreamPath) : null;
  const model = bodyJson && typeof bodyJson === "object" && "model" in bodyJson && typeof bodyJson.model === "string" ? bodyJson.model : null;
  return {
    requestId, startedAt, startedAtPerf: performance.now(), kind: route.kind, signal: req.signal, remoteAddress,
    method: req.method, alias: route.kind === "proxy" ? route.alias : null, upstreamPath,
    query: url.search.startsWith("?") ? url.search.slice(1) : url.search,
    headers, viewHeaders: Object.fromEntries(Object.entries(headers).filter(([k]) => !CREDENTIAL_HEADERS.has(k))),
    body, bodyText, bodyJson, action,
    caller: null, callerError: null, org: null, upstream: null, findings: [], risk: 0, policy: null,
    decision: "ALLOW", decidedBy: null, ruleIds: [], shadow: null, degraded: [], quotaHeaders: {}, flight: [],
    approvalId: null, response: null, llm: llmEndpoint ? { endpoint: llmEndpoint, model } : null, auditSeq: null,
  };
}
