// Mounts the gateway core on node:http without Next.js: hands /v1/gateway/* to the core as
// request parts read straight off the IncomingMessage (other /v1 endpoints as a Web Request),
// and writes the Response back (a complete body in one write, a stream chunk by chunk).
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { getGateway } from "@/server/gateway/instance";
import { getEnv } from "@/server/env";
import { createThreadAuditSink } from "@/server/audit/thread-sink";
import type { GatewayDeps } from "@/server/gateway/deps";
import type { Gateway } from "@/server/gateway/gateway";
import { checkDeclaredLength, createBodyCollector, RequestError, type TRequestParts } from "@/server/gateway/request";
import { completeBodyOf } from "@/server/proxy/complete-body";

/** The production server's handler. Its gateway runs the audit appender on its own thread unless AEGIS_AUDIT_THREAD=off. */
export async function createNodeHandler() {
  return toNodeHandler(await getGateway(productionOverrides));
}

/** What the node:http server builds differently from a Next.js bundle: the audit thread. */
export function productionOverrides(): Partial<GatewayDeps> {
  const env = getEnv();
  return env.AEGIS_AUDIT_THREAD === "on" ? { audit: createThreadAuditSink({ databaseUrl: env.DATABASE_URL ?? "" }) } : {};
}

/** The request as the gateway core takes it, read straight off the IncomingMessage. */
function partsOf(req: IncomingMessage, signal: AbortSignal): TRequestParts {
  // node:http's own header object (duplicates of single-valued headers such as authorization
  // already dropped, others joined); the only array, set-cookie, is joined as Headers.get() would.
  const headers: Record<string, string> = {};
  const incoming = req.headers;
  for (const name in incoming) {
    const v = incoming[name];
    if (v !== undefined) headers[name] = typeof v === "string" ? v : v.join(", ");
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return {
    url: req.url ?? "/",
    method: req.method ?? "GET",
    headers,
    signal,
    readBody: (maxBytes) => (hasBody ? readIncoming(req, headers, maxBytes) : Promise.resolve(null)),
  };
}

function readIncoming(req: IncomingMessage, headers: Record<string, string>, maxBytes: number): Promise<Uint8Array | null> {
  checkDeclaredLength(headers, maxBytes);
  const body = createBodyCollector(maxBytes);
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      try {
        body.push(chunk);
      } catch (err) {
        // Stop reading; the response goes out with connection: close (the body is left unread).
        req.off("data", onData);
        req.pause();
        reject(err);
      }
    };
    req.on("data", onData);
    req.once("end", () => resolve(body.result()));
    req.once("error", reject);
    req.once("close", () => {
      if (!req.complete) reject(new RequestError(499, "CLIENT_CLOSED", "The client closed the connection before sending the whole body"));
    });
  });
}

export function toNodeHandler(gateway: Gateway) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const abort = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) abort.abort();
    });
    const meta = { remoteAddress: req.socket.remoteAddress ?? "unknown" };
    let response: Response;
    try {
      // The proxy and evaluate endpoints take request parts (no Web Request to build); the rare
      // audit and intents endpoints take a Web Request.
      response = (req.url ?? "").startsWith("/v1/gateway/")
        ? await gateway.handleGateway(partsOf(req, abort.signal), meta)
        : await gateway.handle(toWebRequest(req, abort.signal), meta);
    } catch {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      return void res.end('{"error":{"code":"INTERNAL","message":"Internal error"}}');
    }
    const outHeaders: Record<string, string | string[]> = {};
    response.headers.forEach((v, k) => {
      if (k === "set-cookie") return;
      outHeaders[k] = v;
    });
    // A response sent before the request body was fully read (413, early 401)
    // leaves unread bytes on the socket: close it rather than reuse it.
    if (!req.complete) outHeaders.connection = "close";
    const whole = completeBodyOf(response);
    if (whole) {
      // Status line, headers and body in one write.
      outHeaders["content-length"] = String(whole.byteLength);
      res.writeHead(response.status, outHeaders);
      return void res.end(whole);
    }
    res.writeHead(response.status, outHeaders);
    if (!response.body) return void res.end();
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        // Respect back-pressure so a slow client cannot make us buffer a stream.
        if (!res.write(value)) await new Promise((r) => res.once("drain", r));
      }
      res.end();
    } catch {
      res.destroy();
    }
  };
}

function toWebRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const host = req.headers.host ?? "localhost";
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) headers.append(k, x);
    else headers.set(k, v);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(`http://${host}${req.url ?? "/"}`, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    signal,
    // @ts-expect-error Node's fetch needs duplex for streaming request bodies.
    duplex: "half",
  });
}
