import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { completeBodyOf } from "@/server/proxy/complete-body";
import { forwardRequest, parseInjectTemplate, UpstreamError } from "@/server/proxy/forward";
import { gate, readBody, startTestServer, type TTestServer } from "@/server/proxy/test-server";

const servers: TTestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(handler: Parameters<typeof startTestServer>[0]): Promise<TTestServer> {
  const s = await startTestServer(handler);
  servers.push(s);
  return s;
}
const target = (baseUrl: string, extra: Partial<Parameters<typeof forwardRequest>[0]["upstream"]> = {}) => ({
  baseUrl,
  timeoutMs: 2_000,
  allowPrivate: true,
  ...extra,
});
async function errorOf(p: Promise<unknown>): Promise<UpstreamError> {
  const err = await p.then(() => null, (e: unknown) => e);
  if (!(err instanceof UpstreamError)) throw new Error(`expected UpstreamError, got ${String(err)}`);
  return err;
}

describe("forwardRequest", () => {
  it("joins paths, merges queries, strips credentials and hop-by-hop headers, injects the secret", async () => {
    const s = await serve(async (req, res) => {
      res.setHeader("content-type", "application/json");
      res.setHeader("set-cookie", ["a=1", "b=2"]);
      res.setHeader("x-hop", "drop-me");
      res.setHeader("connection", "x-hop");
      res.end(JSON.stringify({ url: req.url, headers: req.headers, body: (await readBody(req)).toString() }));
    });
    const res = await forwardRequest({
      upstream: target(`${s.url}/v1?api-version=2024`, { injectHeader: parseInjectTemplate("Authorization: Bearer {secret}", "sk-up") }),
      method: "post",
      path: "/chat/completions",
      query: "?stream=true",
      headers: new Headers({
        authorization: "Bearer aegis_live_key",
        "x-aegis-key": "k",
        "x-aegis-intent": "i",
        cookie: "session=1",
        connection: "keep-alive, x-custom-hop",
        "x-custom-hop": "1",
        "keep-alive": "timeout=5",
        "proxy-authorization": "p",
        "x-forwarded-for": "10.0.0.1",
        "x-api-key": "client-key",
        "content-length": "999",
        "content-type": "application/json",
        "x-keep": "yes",
      }),
      stripHeaders: ["x-api-key"],
      body: '{"a":"ü"}',
    });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(res.headers.get("x-hop")).toBeNull();
    const echo = (await res.json()) as { url: string; headers: Record<string, string>; body: string };
    expect(echo.url).toBe("/v1/chat/completions?api-version=2024&stream=true");
    expect(echo.body).toBe('{"a":"ü"}');
    expect(echo.headers["authorization"]).toBe("Bearer sk-up");
    expect(echo.headers["content-length"]).toBe(String(Buffer.byteLength('{"a":"ü"}')));
    expect(echo.headers["x-keep"]).toBe("yes");
    expect(echo.headers["content-type"]).toBe("application/json");
    for (const h of ["x-aegis-key", "x-aegis-intent", "cookie", "x-custom-hop", "keep-alive", "proxy-authorization", "x-forwarded-for", "x-api-key"]) {
      expect(echo.headers[h], h).toBeUndefined();
    }
  });

  it("streams a request body chunked", async () => {
    const s = await serve(async (req, res) => {
      res.end(JSON.stringify({ te: req.headers["transfer-encoding"], body: (await readBody(req)).toString() }));
    });
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode("hello "));
        c.enqueue(new TextEncoder().encode("world"));
        c.close();
      },
    });
    const res = await forwardRequest({ upstream: target(s.url), method: "POST", path: "/x", headers: {}, body });
    expect(await res.json()).toEqual({ te: "chunked", body: "hello world" });
  });

  it("streams the response chunk by chunk (first chunk arrives before the upstream sends the second)", async () => {
    const step = gate();
    const s = await serve(async (_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: one\n\n");
      await step.wait;
      res.end("data: two\n\n");
    });
    const res = await forwardRequest({ upstream: target(s.url), method: "GET", path: "/sse", headers: {} });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe("data: one\n\n");
    step.open();
    let rest = "";
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    expect(rest).toBe("data: two\n\n");
  });

  it("returns redirects to the client without following them", async () => {
    const s = await serve((_req, res) => res.writeHead(302, { location: "http://169.254.169.254/latest" }).end());
    const res = await forwardRequest({ upstream: target(s.url), method: "GET", path: "/r", headers: {} });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("http://169.254.169.254/latest");
  });

  it("maps a silent upstream to a 504 timeout", async () => {
    const s = await serve(() => undefined);
    const err = await errorOf(forwardRequest({ upstream: target(s.url, { timeoutMs: 100 }), method: "GET", path: "/", headers: {} }));
    expect([err.kind, err.status]).toEqual(["timeout", 504]);
  });

  it("errors the body when the upstream stalls mid-stream", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200);
      res.write("partial");
    });
    const res = await forwardRequest({ upstream: target(s.url, { bodyIdleTimeoutMs: 100 }), method: "GET", path: "/", headers: {} });
    const err = await res.text().then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as UpstreamError).kind).toBe("timeout");
  });

  it("maps a refused connection to 502", async () => {
    const s = await startTestServer(() => undefined);
    await s.close();
    const err = await errorOf(forwardRequest({ upstream: target(s.url), method: "GET", path: "/", headers: {} }));
    expect([err.kind, err.status]).toEqual(["connect", 502]);
  });

  it("blocks private destinations unless allowed, including via DNS at connect time", async () => {
    const s = await serve((_req, res) => res.end("ok"));
    const literal = await errorOf(forwardRequest({ upstream: target(s.url, { allowPrivate: false }), method: "GET", path: "/", headers: {} }));
    expect(literal.kind).toBe("blocked");
    const rebinding = await errorOf(
      forwardRequest({
        upstream: target(`http://api.rebind.test:${s.port}`, { allowPrivate: false }),
        method: "GET",
        path: "/",
        headers: {},
        resolve: async () => [{ address: "127.0.0.1", family: 4 }],
      }),
    );
    expect([rebinding.kind, rebinding.message]).toEqual(["blocked", expect.stringContaining("loopback")]);
    const allowed = await forwardRequest({
      upstream: target(`http://api.internal.test:${s.port}`),
      method: "GET",
      path: "/",
      headers: {},
      resolve: async () => [{ address: "127.0.0.1", family: 4 }],
    });
    expect(await allowed.text()).toBe("ok");
  });

  it("refuses paths that escape the base path", async () => {
    for (const path of ["/../admin", "/%2e%2e/admin", "/..%2fadmin", "/a/../../x", "/x?y=1"]) {
      const err = await errorOf(forwardRequest({ upstream: target("http://127.0.0.1:1/v1"), method: "GET", path, headers: {} }));
      expect(err.kind, path).toBe("invalid_path");
    }
  });

  it("decodes gzip responses so later stages see plaintext", async () => {
    const s = await serve((req, res) => {
      res.writeHead(200, { "content-encoding": "gzip", "x-ae": String(req.headers["accept-encoding"]) });
      res.end(gzipSync("secret sk-abc"));
    });
    const res = await forwardRequest({ upstream: target(s.url), method: "GET", path: "/", headers: { "accept-encoding": "zstd" } });
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(res.headers.get("x-ae")).toBe("gzip, deflate, br");
    expect(await res.text()).toBe("secret sk-abc");
  });

  it("reuses keep-alive sockets and returns null bodies for 204", async () => {
    const ports: number[] = [];
    const s = await serve((req, res) => {
      ports.push(req.socket.remotePort ?? 0);
      res.writeHead(204).end();
    });
    for (let i = 0; i < 3; i++) {
      const res = await forwardRequest({ upstream: target(s.url), method: "GET", path: "/", headers: {} });
      expect(res.status).toBe(204);
      expect(res.body).toBeNull();
    }
    expect(new Set(ports).size).toBe(1);
  });

  it("aborts the upstream when the client goes away", async () => {
    const closed = gate();
    const s = await serve((req, res) => {
      res.writeHead(200);
      res.write("a");
      req.socket.once("close", () => closed.open());
    });
    const controller = new AbortController();
    const res = await forwardRequest({ upstream: target(s.url), method: "GET", path: "/", headers: {}, signal: controller.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort();
    await closed.wait;
    await expect(reader.read()).rejects.toBeInstanceOf(UpstreamError);
    const early = await errorOf(forwardRequest({ upstream: target(s.url), method: "GET", path: "/", headers: {}, signal: controller.signal }));
    expect(early.kind).toBe("aborted");
  });
});

describe("parseInjectTemplate", () => {
  it("parses templates and refuses header injection", () => {
    expect(parseInjectTemplate("x-api-key: {secret}", "k1")).toEqual({ name: "x-api-key", value: "k1" });
    expect(parseInjectTemplate("Authorization: Bearer {secret}", "k")).toEqual({ name: "authorization", value: "Bearer k" });
    expect(() => parseInjectTemplate("x-api-key: {secret}", "a\r\nx-evil: 1")).toThrow(/control/);
    expect(() => parseInjectTemplate("bad header: {secret}", "k")).toThrow(/token/);
    expect(() => parseInjectTemplate("x: static", "k")).toThrow(/\{secret\}/);
  });
});

describe("forwardRequest with bufferUpTo (whole small bodies)", () => {
  const fixed = (body: string, headers: Record<string, string> = {}) =>
    serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), ...headers });
      res.end(body);
    });

  it("reads a declared-length body whole and marks it, with the same bytes as the stream", async () => {
    const body = JSON.stringify({ items: Array.from({ length: 50 }, (_, i) => ({ i, name: `ü-${i}` })) });
    const s = await fixed(body);
    const res = await forwardRequest({ upstream: target(s.url), method: "GET", path: "/", headers: new Headers(), bufferUpTo: 64 * 1024 });
    const whole = completeBodyOf(res);
    expect(whole && Buffer.from(whole).toString("utf8")).toBe(body);
    expect(await res.text()).toBe(body);
    expect(completeBodyOf(res)).toBeNull(); // once the stream is used, the shortcut is gone
  });

  it("streams bodies over the limit, of unknown length, event streams, and when not asked", async () => {
    const big = "x".repeat(2048);
    const cases: [TTestServer, number][] = [
      [await fixed(big), 1024],
      [await serve((_req, res) => {
        res.write("chunked, ");
        res.end("no length");
      }), 1024],
      [await fixed("data: 1\n\n", { "content-type": "text/event-stream" }), 1024],
      [await fixed("small"), 0],
    ];
    for (const [s, bufferUpTo] of cases) {
      const res = await forwardRequest({ upstream: target(s.url), method: "GET", path: "/", headers: new Headers(), bufferUpTo });
      expect(completeBodyOf(res)).toBeNull();
      expect((await res.text()).length).toBeGreaterThan(0);
    }
  });

  it("fails (502) when the upstream closes before its declared length", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-length": "100" });
      res.write("only ten b");
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const err = await errorOf(forwardRequest({ upstream: target(s.url), method: "GET", path: "/", headers: new Headers(), bufferUpTo: 1024 }));
    expect(err.status).toBe(502);
  });

  it("times out a body that stalls mid-way", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-length": "100" });
      res.write("partial");
    });
    const err = await errorOf(forwardRequest({ upstream: target(s.url, { bodyIdleTimeoutMs: 150 }), method: "GET", path: "/", headers: new Headers(), bufferUpTo: 1024 }));
    expect(err.kind).toBe("timeout");
  });
});
