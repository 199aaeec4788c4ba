import { describe, expect, it } from "vitest";
import { detectLlmEndpoint, ensureStreamUsage, extractUsage } from "@/server/quota/usage";
import { createUsageMeter } from "@/server/quota/usage-meter";
import { CHAT_JSON, CHAT_STREAM, embeddingsJson, MESSAGES_JSON, MESSAGES_STREAM, RESPONSES_JSON, RESPONSES_STREAM } from "@/server/quota/usage-fixtures";
import type { TLlmEndpoint } from "@/server/quota/usage";

const enc = new TextEncoder();

async function meter(kind: TLlmEndpoint, body: string, chunkSize: number, opts?: Parameters<typeof createUsageMeter>[1]) {
  const bytes = enc.encode(body);
  const m = createUsageMeter(kind, opts);
  const source = new ReadableStream<Uint8Array>({
    start(c) {
      for (let i = 0; i < bytes.length; i += chunkSize) c.enqueue(bytes.slice(i, i + chunkSize));
      c.close();
    },
  });
  const out: Uint8Array[] = [];
  const reader = source.pipeThrough(m.stream).getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) out.push(r.value);
  expect(Buffer.concat(out).toString()).toBe(body); // passes through unchanged
  return m.result;
}

describe("detectLlmEndpoint", () => {
  it.each([
    ["/v1/chat/completions", "chat"],
    ["/chat/completions/", "chat"],
    ["/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21", "chat"],
    ["/v1/responses", "responses"],
    ["/v1/messages", "messages"],
    ["/v1/embeddings", "embeddings"],
    ["/v1/messages/count_tokens", null],
    ["/v1/threads/t1/messages", null],
    ["/v1/models", null],
  ])("%s -> %s", (path, kind) => expect(detectLlmEndpoint(path)).toBe(kind));
});

describe("extractUsage (non-streamed)", () => {
  it("normalizes every provider shape", () => {
    expect(extractUsage("chat", CHAT_JSON)).toMatchObject({ model: "gpt-4o-2024-08-06", inputTokens: 10, outputTokens: 2, source: "reported" });
    expect(extractUsage("responses", RESPONSES_JSON)).toMatchObject({ model: "o4-mini", inputTokens: 7, outputTokens: 50, reasoningTokens: 40 });
    expect(extractUsage("messages", MESSAGES_JSON)).toMatchObject({ model: "claude-sonnet-4-20250514", inputTokens: 9, outputTokens: 3 });
    expect(extractUsage("embeddings", embeddingsJson(2))).toMatchObject({ model: "text-embedding-3-small", inputTokens: 1234, outputTokens: 0 });
    expect(extractUsage("chat", { error: { message: "bad" } })).toBeNull();
  });
});

describe("createUsageMeter", () => {
  const streams: [TLlmEndpoint, string, object][] = [
    ["chat", CHAT_STREAM, { model: "gpt-4o-mini-2024-07-18", inputTokens: 21, outputTokens: 5, cachedInputTokens: 8, source: "reported" }],
    ["responses", RESPONSES_STREAM, { model: "gpt-4.1-2025-04-14", inputTokens: 30, outputTokens: 12, reasoningTokens: 4, source: "reported" }],
    ["messages", MESSAGES_STREAM, { model: "claude-3-5-sonnet-20241022", inputTokens: 1125, outputTokens: 15, cachedInputTokens: 1000, cacheWriteTokens: 100, source: "reported" }],
  ];

  it.each(streams)("reads %s SSE usage at any chunking", async (kind, body, expected) => {
    for (const size of [1, 3, 7, 64, 100_000]) {
      expect(await meter(kind, body, size)).toMatchObject({ ...expected, isComplete: true });
    }
    expect(await meter(kind, body.replace(/\n/g, "\r\n"), 5)).toMatchObject(expected);
  });

  it("reads JSON bodies, and huge ones by scanning head and tail", async () => {
    expect(await meter("chat", `  ${JSON.stringify(CHAT_JSON)}`, 9)).toMatchObject({ inputTokens: 10, outputTokens: 2, isComplete: true });
    const big = JSON.stringify(embeddingsJson(500));
    expect(big.length).toBeGreaterThan(100_000);
    expect(await meter("embeddings", big, 4096, { maxJsonChars: 10_000 })).toMatchObject({ model: "text-embedding-3-small", inputTokens: 1234 });
  });

  it("estimates output when the client cancels before the usage event", async () => {
    const m = createUsageMeter("chat");
    const cut = CHAT_STREAM.indexOf("\n\n", CHAT_STREAM.indexOf("friend!")) + 2;
    const source = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(enc.encode(CHAT_STREAM.slice(0, cut))) });
    const reader = source.pipeThrough(m.stream).getReader();
    await reader.read();
    await reader.cancel("client left");
    expect(await m.result).toMatchObject({ model: "gpt-4o-mini-2024-07-18", outputTokens: Math.ceil("Hello there, friend!".length / 4), source: "estimated", isComplete: false });
  });

  it("estimates Anthropic output when message_delta never came", async () => {
    const cut = MESSAGES_STREAM.indexOf("event: content_block_stop");
    expect(await meter("messages", MESSAGES_STREAM.slice(0, cut), 50)).toMatchObject({ inputTokens: 1125, outputTokens: Math.ceil("Hello world, how are you".length / 4), source: "estimated" });
  });

  it("settles when the upstream errors mid-stream", async () => {
    const m = createUsageMeter("responses");
    const source = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(enc.encode(RESPONSES_STREAM.slice(0, RESPONSES_STREAM.indexOf("response.completed"))));
        setTimeout(() => c.error(new Error("upstream reset")), 5);
      },
    });
    await expect(source.pipeThrough(m.stream).pipeTo(new WritableStream())).rejects.toThrow();
    expect(await m.result).toMatchObject({ model: "gpt-4.1-2025-04-14", source: "estimated", isComplete: false });
  });

  it("returns null for bodies without usage", async () => {
    expect(await meter("chat", '{"error":{"message":"nope"}}', 5)).toBeNull();
    expect(await meter("chat", "", 5)).toBeNull();
  });
});

describe("ensureStreamUsage", () => {
  it("adds include_usage to streamed chat requests only", () => {
    const r = ensureStreamUsage({ model: "gpt-4o", stream: true, stream_options: { foo: 1 } });
    expect(r).toEqual({ body: { model: "gpt-4o", stream: true, stream_options: { foo: 1, include_usage: true } }, isChanged: true });
    const already = { stream: true, stream_options: { include_usage: true } };
    expect(ensureStreamUsage(already).body).toBe(already);
    expect(ensureStreamUsage({ stream: false }).isChanged).toBe(false);
    expect(ensureStreamUsage("not json").isChanged).toBe(false);
  });
});
