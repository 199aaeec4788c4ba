// Mounts the gateway core on node:http without Next.js: converts the incoming
// message into a Web Request, runs handle(), and streams the Response back.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { getGateway } from "@/server/gateway/instance";
import type { Gateway } from "@/server/gateway/gateway";
import { completeBodyOf } from "@/server/proxy/complete-body";

export async function createNodeHandler() {
  return toNodeHandler(await getGateway());
}

export function toNodeHandler(gateway: Gateway) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const host = req.headers.host ?? "localhost";
    const url = `http://${host}${req.url ?? "/"}`;
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const x of v) headers.append(k, x);
      else headers.set(k, v);
    }
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const abort = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) abort.abort();
    });
    const request = new Request(url, {
      method: req.method,
      headers,
      body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
      signal: abort.signal,
      // @ts-expect-error Node's fetch needs duplex for streaming request bodies.
      duplex: "half",
    });
    let response: Response;
    try {
      response = await gateway.handle(request, { remoteAddress: req.socket.remoteAddress ?? "unknown" });
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
