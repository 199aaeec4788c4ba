// Forwards one request to an upstream and returns a Web Response whose body streams chunk by
// chunk. Built on node:http/https with keep-alive agents rather than global fetch: undici's Agent
// is not importable here (no undici package), and node:http lets the SSRF check run inside each
// socket's DNS lookup, so the address checked is the address connected to.
//
// Choices:
// - Redirects are never followed: a 3xx goes back to the client with its Location untouched. The
//   client then follows it from its own network, so the gateway is never steered to an internal
//   address by a redirect. (A relative Location resolves against the gateway URL on the client.)
// - Timeouts: `timeoutMs` bounds connect + time to response headers; the body then errors if the
//   upstream is silent for `bodyIdleTimeoutMs` (default: timeoutMs). Both raise
//   UpstreamError("timeout") -> 504; connection and TLS failures raise "connect" -> 502.
// - Content-Encoding gzip/deflate/br is decoded here (and requested upstream), so the output
//   stage always sees plaintext to inspect and redact. Other encodings pass through unchanged and
//   keep their content-encoding header; the output stage must fail closed on those if it must redact.
// - A buffered body gets an exact content-length; a streamed body goes out chunked.
// - With `bufferUpTo`, a small response of declared length is read whole (server/proxy/complete-body.ts)
//   instead of streamed: the gateway's common case costs far less CPU without Web streams.
// - A caller that discards a Response without reading it should `body.cancel()` it, which frees the
//   socket at once; otherwise the body idle timeout reclaims it.
import http from "node:http";
import https from "node:https";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { pipeline, type Readable, type Transform } from "node:stream";
import { buildUpstreamHeaders, filterResponseHeaders, type THeaderInput, type TInjectHeader } from "@/server/proxy/headers";
import { completeResponse } from "@/server/proxy/complete-body";
import { toWebStream } from "@/server/proxy/node-web-stream";
import { createSafeLookup } from "@/server/proxy/safe-lookup";
import { assertUrlShape, type TResolve } from "@/server/proxy/ssrf";
import { buildUpstreamUrl } from "@/server/proxy/upstream-url";
import { UpstreamError, toUpstreamError } from "@/server/proxy/upstream-error";

export { UpstreamError } from "@/server/proxy/upstream-error";
export { parseInjectTemplate } from "@/server/proxy/headers";

export type TUpstreamTarget = {
  baseUrl: string;
  timeoutMs: number;
  allowPrivate: boolean;
  bodyIdleTimeoutMs?: number;
  injectHeader?: TInjectHeader;
};

export type TForwardInput = {
  upstream: TUpstreamTarget;
  method: string;
  /** Path after the upstream alias, e.g. "/chat/completions"; appended to baseUrl's path. */
  path: string;
  query?: string | URLSearchParams;
  headers: THeaderInput;
  body?: ReadableStream<Uint8Array> | Uint8Array | string | null;
  signal?: AbortSignal;
  /** Extra request headers to drop, e.g. ["authorization"] when it carried the Aegis key. */
  stripHeaders?: string[];
  /** Decode gzip/deflate/br responses (default true). */
  decompress?: boolean;
  /** DNS resolver override (tests); defaults to the system resolver. */
  resolve?: TResolve;
  /**
   * Read a response whole (one Buffer, no Web stream) when it declares a Content-Length of at
   * most this many bytes, needs no decoding and is not an event stream; the Response is then
   * marked with completeResponse(). 0 (default) always streams.
   */
  bufferUpTo?: number;
};

// maxFreeSockets equals maxSockets: a burst above the free limit would otherwise close sockets it just
// opened and reconnect on the next burst (connect/close churn at high concurrency).
const AGENT_OPTIONS = { keepAlive: true, maxSockets: 256, maxFreeSockets: 256, scheduling: "lifo" as const, timeout: 30_000 };
// Separate pools per policy: a socket opened under allowPrivate must never serve a strict upstream.
const AGENTS = {
  strict: { http: new http.Agent(AGENT_OPTIONS), https: new https.Agent(AGENT_OPTIONS) },
  private: { http: new http.Agent(AGENT_OPTIONS), https: new https.Agent(AGENT_OPTIONS) },
};
const LOOKUPS = { strict: createSafeLookup({ allowPrivate: false }), private: createSafeLookup({ allowPrivate: true }) };
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
const DECODERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  "x-gzip": createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

export async function forwardRequest(input: TForwardInput): Promise<Response> {
  const { upstream } = input;
  let url: URL;
  try {
    url = buildUpstreamUrl(upstream.baseUrl, input.path, input.query);
    assertBaseShape(upstream);
  } catch (err) {
    throw toUpstreamError(err, "upstream");
  }
  const decompress = input.decompress ?? true;
  const headers = buildUpstreamHeaders(input.headers, {
    stripHeaders: input.stripHeaders,
    inject: upstream.injectHeader,
    acceptEncoding: decompress ? "gzip, deflate, br" : undefined,
  });
  const body = typeof input.body === "string" ? new TextEncoder().encode(input.body) : input.body ?? null;
  if (body instanceof Uint8Array) headers["content-length"] = String(body.byteLength);
  else if (body) headers["transfer-encoding"] = "chunked";

  try {
    return await sendOnce(input, url, headers, body, decompress);
  } catch (err) {
    // A pooled keep-alive socket the server already closed fails on first write; retrying once is
    // safe only when no streamed body was consumed (the pattern the Node http docs give).
    if (err instanceof Error && STALE_SOCKET_ERRORS.has(err) && !(body instanceof ReadableStream)) {
      return sendOnce(input, url, headers, body, decompress);
    }
    throw err;
  }
}

const STALE_SOCKET_ERRORS = new WeakSet<Error>();

// The request-time SSRF shape check (scheme, IP literal) depends only on the base URL's scheme and
// host, which buildUpstreamUrl keeps: checked once per base and policy, not per request. (Names
// are checked at connect time by the safe lookup, on every connection.)
const SHAPE_CHECKED = new Set<string>();
function assertBaseShape(upstream: TUpstreamTarget): void {
  const key = `${upstream.allowPrivate ? "p" : "s"}${upstream.baseUrl}`;
  if (SHAPE_CHECKED.has(key)) return;
  assertUrlShape(upstream.baseUrl, upstream);
  if (SHAPE_CHECKED.size >= 4096) SHAPE_CHECKED.clear();
  SHAPE_CHECKED.add(key);
}

function sendOnce(
  input: TForwardInput,
  url: URL,
  headers: Record<string, string | string[]>,
  body: ReadableStream<Uint8Array> | Uint8Array | null,
  decompress: boolean,
): Promise<Response> {
  const { upstream, signal } = input;
  const isHttps = url.protocol === "https:";
  const policy = upstream.allowPrivate ? "private" : "strict";
  const host = url.host;
  return new Promise<Response>((resolve, reject) => {
    if (signal?.aborted) return reject(new UpstreamError("aborted", "request aborted by the client"));
    const req = (isHttps ? https : http).request({
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[(.*)\]$/, "$1"),
      port: url.port || undefined,
      path: url.pathname + url.search,
      method: input.method.toUpperCase(),
      headers,
      agent: AGENTS[policy][isHttps ? "https" : "http"],
      lookup: input.resolve ? createSafeLookup({ allowPrivate: upstream.allowPrivate, resolve: input.resolve }) : LOOKUPS[policy],
    });
    const onAbort = () => req.destroy(new UpstreamError("aborted", "request aborted by the client"));
    signal?.addEventListener("abort", onAbort, { once: true });
    const headerTimer = setTimeout(() => {
      req.destroy(new UpstreamError("timeout", `upstream ${host} did not respond within ${upstream.timeoutMs} ms`));
    }, upstream.timeoutMs);

    req.once("error", (err) => {
      clearTimeout(headerTimer);
      signal?.removeEventListener("abort", onAbort);
      const mapped = toUpstreamError(err, host);
      if (req.reusedSocket && (err as NodeJS.ErrnoException).code === "ECONNRESET") STALE_SOCKET_ERRORS.add(mapped);
      reject(mapped);
    });

    req.once("response", (res) => {
      clearTimeout(headerTimer);
      const status = res.statusCode ?? 502;
      if (status < 200 || status > 599) {
        res.destroy();
        return reject(new UpstreamError("protocol", `upstream ${host} sent status ${status}`));
      }
      const encoding = String(res.headers["content-encoding"] ?? "").trim().toLowerCase();
      const decoder = decompress ? DECODERS[encoding] : undefined;
      const responseHeaders = filterResponseHeaders(res.headers, decoder ? ["content-encoding", "content-length"] : []);
      if (NULL_BODY_STATUS.has(status) || input.method.toUpperCase() === "HEAD") {
        res.resume();
        signal?.removeEventListener("abort", onAbort);
        return resolve(new Response(null, { status, statusText: res.statusMessage, headers: responseHeaders }));
      }
      const declared = Number(res.headers["content-length"]);
      if (
        !decoder && input.bufferUpTo && Number.isSafeInteger(declared) && declared <= input.bufferUpTo &&
        !String(res.headers["content-type"] ?? "").toLowerCase().startsWith("text/event-stream")
      ) {
        readWhole(res, declared, upstream.bodyIdleTimeoutMs ?? upstream.timeoutMs, host).then(
          (bytes) => {
            signal?.removeEventListener("abort", onAbort);
            resolve(completeResponse(bytes, { status, statusText: res.statusMessage, headers: responseHeaders }));
          },
          (err: unknown) => {
            signal?.removeEventListener("abort", onAbort);
            reject(err);
          },
        );
        return;
      }
      let source: Readable = res;
      if (decoder) {
        const decoded = decoder();
        // Errors surface on `decoded` (which the body stream listens to); the callback only settles.
        pipeline(res, decoded, () => undefined);
        source = decoded;
      }
      res.once("close", () => signal?.removeEventListener("abort", onAbort));
      const stream = toWebStream(source, { idleTimeoutMs: upstream.bodyIdleTimeoutMs ?? upstream.timeoutMs, host });
      resolve(new Response(stream, { status, statusText: res.statusMessage, headers: responseHeaders }));
    });

    writeBody(req, body).catch((err: unknown) => req.destroy(err instanceof Error ? err : new Error(String(err))));
  });
}

/** Reads a body of declared length whole; the idle timeout and errors match the streamed path. */
function readWhole(res: http.IncomingMessage, declared: number, idleTimeoutMs: number, host: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(toUpstreamError(err, host));
    };
    const timer = setTimeout(() => res.destroy(new UpstreamError("timeout", `upstream ${host} sent no data for ${idleTimeoutMs} ms`)), idleTimeoutMs);
    res.on("data", (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > declared) return void res.destroy(new UpstreamError("protocol", `upstream ${host} sent more than its content-length`));
      chunks.push(chunk);
      timer.refresh();
    });
    res.once("end", () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const whole = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
      resolve(new Uint8Array(whole.buffer, whole.byteOffset, whole.byteLength));
    });
    res.once("error", fail);
    res.once("close", () => {
      if (!res.complete) fail(new UpstreamError("protocol", `upstream ${host} closed the connection mid-body`));
    });
  });
}

async function writeBody(req: http.ClientRequest, body: ReadableStream<Uint8Array> | Uint8Array | null): Promise<void> {
  if (!body) return void req.end();
  if (body instanceof Uint8Array) return void req.end(body);
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (req.destroyed) return;
      if (!req.write(value)) await new Promise<void>((r) => req.once("drain", () => r()));
    }
    req.end();
  } finally {
    reader.releaseLock();
  }
}
