// One end-to-end check of the output-stage building blocks wired the way the gateway will wire
// them: the official `openai` client -> a minimal gateway (real node:http) -> forwardRequest ->
// a mock OpenAI upstream (real node:http) streaming SSE with delays; the response flows back
// through the usage meter and the redactor.
import type http from "node:http";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forwardRequest, parseInjectTemplate } from "@/server/proxy/forward";
import { createRedactor } from "@/server/proxy/redact-stream";
import { TEST_PATTERNS } from "@/server/proxy/redact-test-patterns";
import { readBody, startTestServer, type TTestServer } from "@/server/proxy/test-server";
import { costUsd } from "@/server/quota/pricing";
import { detectLlmEndpoint, ensureStreamUsage } from "@/server/quota/usage";
import { createUsageMeter, type TMeteredUsage } from "@/server/quota/usage-meter";

const UPSTREAM_SECRET = "sk-upstream-REAL-secret-1234567890";
const chunk = (content: string | null, usage: object | null = null) =>
  `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 1, model: "gpt-4o-mini-2024-07-18", choices: content === null ? [] : [{ index: 0, delta: { content }, finish_reason: null }], usage })}\n\n`;

let upstream: TTestServer;
let gateway: TTestServer;
const metered: (TMeteredUsage | null)[] = [];
const upstreamSaw: { auth?: string; aegisKey?: string; body?: { stream_options?: { include_usage?: boolean } } } = {};

async function mockOpenAi(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  upstreamSaw.auth = req.headers.authorization;
  upstreamSaw.aegisKey = req.headers["x-aegis-key"] as string | undefined;
  upstreamSaw.body = JSON.parse((await readBody(req)).toString()) as typeof upstreamSaw.body;
  res.writeHead(200, { "content-type": "text/event-stream" });
  const leak = `${chunk(` your key is ${UPSTREAM_SECRET}`)}`;
  const split = leak.indexOf(UPSTREAM_SECRET) + 10;
  for (const piece of [chunk("Hello"), chunk(" world"), leak.slice(0, split), leak.slice(split), chunk("!")]) {
    res.write(piece);
    await new Promise((r) => setTimeout(r, 40));
  }
  if (upstreamSaw.body?.stream_options?.include_usage) {
    res.write(chunk(null, { prompt_tokens: 12, completion_tokens: 9, total_tokens: 21 }));
  }
  res.end("data: [DONE]\n\n");
}

async function miniGateway(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const path = (req.url ?? "/").replace(/^\/gw/, "").split("?")[0] ?? "/";
  const kind = detectLlmEndpoint(path);
  const parsed = JSON.parse((await readBody(req)).toString()) as unknown;
  const { body } = ensureStreamUsage(parsed);
  const upstreamRes = await forwardRequest({
    upstream: { baseUrl: `${upstream.url}/v1`, timeoutMs: 5_000, allowPrivate: true, injectHeader: parseInjectTemplate("Authorization: Bearer {secret}", UPSTREAM_SECRET) },
    method: req.method ?? "GET",
    path,
    headers: req.headers,
    stripHeaders: ["authorization"],
    body: JSON.stringify(body),
  });
  const meter = createUsageMeter(kind ?? "chat");
  void meter.result.then((u) => metered.push(u));
  const redactor = createRedactor({ literals: [UPSTREAM_SECRET], patterns: TEST_PATTERNS });
  res.writeHead(upstreamRes.status, Object.fromEntries(upstreamRes.headers));
  const out = redactor.redactStream((upstreamRes.body as ReadableStream<Uint8Array>).pipeThrough(meter.stream));
  const reader = out.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) res.write(r.value);
  res.end();
}

beforeAll(async () => {
  upstream = await startTestServer((req, res) => void mockOpenAi(req, res));
  gateway = await startTestServer((req, res) => void miniGateway(req, res).catch(() => res.destroy()));
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

describe("openai client through the gateway blocks", () => {
  it("streams promptly, redacts the upstream secret split across writes, and meters usage", async () => {
    const client = new OpenAI({ apiKey: "aegis_live_client_key", baseURL: `${gateway.url}/gw`, defaultHeaders: { "x-aegis-key": "k" } });
    const started = Date.now();
    const stream = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], stream: true });
    let text = "";
    const arrivals: number[] = [];
    for await (const event of stream) {
      const delta = event.choices[0]?.delta.content;
      if (delta) {
        text += delta;
        arrivals.push(Date.now() - started);
      }
    }
    expect(text).toBe("Hello world your key is [REDACTED:upstream_secret]!");
    // Chunks arrive as the upstream produces them, not all at the end.
    expect((arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThanOrEqual(80);
    expect(upstreamSaw.auth).toBe(`Bearer ${UPSTREAM_SECRET}`);
    expect(upstreamSaw.aegisKey).toBeUndefined();
    expect(upstreamSaw.body?.stream_options?.include_usage).toBe(true);
    await expect.poll(() => metered.length).toBe(1);
    const usage = metered[0];
    expect(usage).toMatchObject({ model: "gpt-4o-mini-2024-07-18", inputTokens: 12, outputTokens: 9, source: "reported", isComplete: true });
    expect(costUsd(usage?.model, usage ?? { inputTokens: 0, outputTokens: 0 })).toBeCloseTo((12 * 0.15 + 9 * 0.6) / 1e6, 12);
  });
});
