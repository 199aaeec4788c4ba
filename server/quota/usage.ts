// Token usage as the LLM providers report it, for every metered endpoint, normalized to one shape.
//
// Normalization: inputTokens counts ALL input tokens. OpenAI already reports it that way (cached
// tokens are a subset of prompt/input tokens); Anthropic reports cache reads and cache writes
// beside input_tokens, so they are added in and also kept separately for pricing.
// When a stream ends without a usage report (client cancelled, upstream cut off), output tokens
// are estimated from the streamed text (about 4 characters a token) and `source` says so, so a
// caller cannot dodge a budget by cancelling just before the final usage event.

export type TLlmEndpoint = "chat" | "responses" | "messages" | "embeddings";

export type TLlmUsage = {
  model: string | null;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  source: "reported" | "estimated";
};

type TJson = Record<string, unknown>;
const isObject = (v: unknown): v is TJson => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) && v > 0 ? v : 0);
const obj = (v: unknown): TJson => (isObject(v) ? v : {});
const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

/** Which metered LLM endpoint a path (after the upstream alias) is, or null. Azure paths included. */
export function detectLlmEndpoint(path: string): TLlmEndpoint | null {
  const p = (path.split("?")[0] ?? "").replace(/\/+$/, "").toLowerCase();
  if (p.endsWith("/chat/completions")) return "chat";
  if (p.endsWith("/responses")) return "responses";
  if (p.endsWith("/messages") && !p.includes("/threads/")) return "messages"; // not OpenAI Assistants
  if (p.endsWith("/embeddings")) return "embeddings";
  return null;
}

export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

const emptyUsage = (): TLlmUsage => ({
  model: null,
  inputTokens: 0,
  outputTokens: 0,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  source: "estimated",
});

function fromOpenAiUsage(u: TJson, into: TLlmUsage, names: { input: string; output: string; inputDetails: string; outputDetails: string }): void {
  into.inputTokens = num(u[names.input]);
  into.outputTokens = num(u[names.output]);
  into.cachedInputTokens = num(obj(u[names.inputDetails]).cached_tokens);
  into.reasoningTokens = num(obj(u[names.outputDetails]).reasoning_tokens);
  into.source = "reported";
}
const CHAT_NAMES = { input: "prompt_tokens", output: "completion_tokens", inputDetails: "prompt_tokens_details", outputDetails: "completion_tokens_details" };
const RESPONSES_NAMES = { input: "input_tokens", output: "output_tokens", inputDetails: "input_tokens_details", outputDetails: "output_tokens_details" };

/** Anthropic usage objects; message_delta repeats only the fields that changed (cumulative). */
function mergeAnthropicUsage(u: TJson, into: TLlmUsage): void {
  const read = u.cache_read_input_tokens;
  const write = u.cache_creation_input_tokens;
  if (typeof read === "number") into.cachedInputTokens = num(read);
  if (typeof write === "number") into.cacheWriteTokens = num(write);
  if (typeof u.input_tokens === "number" || typeof read === "number" || typeof write === "number") {
    const fresh = typeof u.input_tokens === "number" ? num(u.input_tokens) : into.inputTokens - into.cachedInputTokens - into.cacheWriteTokens;
    into.inputTokens = Math.max(0, fresh) + into.cachedInputTokens + into.cacheWriteTokens;
  }
  if (typeof u.output_tokens === "number") into.outputTokens = num(u.output_tokens);
  into.source = "reported";
}

/** Usage from a complete (non-streamed) JSON response body, or null if it carries none. */
export function extractUsage(kind: TLlmEndpoint, body: unknown): TLlmUsage | null {
  if (!isObject(body) || !isObject(body.usage)) return null;
  const usage = emptyUsage();
  usage.model = str(body.model);
  if (kind === "chat") fromOpenAiUsage(body.usage, usage, CHAT_NAMES);
  else if (kind === "responses") fromOpenAiUsage(body.usage, usage, RESPONSES_NAMES);
  else if (kind === "messages") mergeAnthropicUsage(body.usage, usage);
  else {
    usage.inputTokens = num(body.usage.prompt_tokens) || num(body.usage.total_tokens);
    usage.source = "reported";
  }
  return usage;
}

/** Folds streamed events (parsed SSE data) into a usage record. */
export function createStreamAccumulator(kind: TLlmEndpoint): { add(event: unknown): void; result(): TLlmUsage | null } {
  const usage = emptyUsage();
  let streamedChars = 0;
  let hasSeenEvent = false;
  // Anthropic reports input at message_start but final output only at message_delta.
  let reportedOutput = false;
  const count = (v: unknown) => {
    if (typeof v === "string") streamedChars += v.length;
  };

  function add(event: unknown): void {
    if (!isObject(event)) return;
    hasSeenEvent = true;
    if (kind === "chat") {
      usage.model ??= str(event.model);
      if (isObject(event.usage)) fromOpenAiUsage(event.usage, usage, CHAT_NAMES);
      for (const choice of Array.isArray(event.choices) ? event.choices : []) {
        const delta = obj(obj(choice).delta);
        count(delta.content);
        count(delta.refusal);
        count(delta.reasoning_content);
        for (const call of Array.isArray(delta.tool_calls) ? delta.tool_calls : []) count(obj(obj(call).function).arguments);
      }
    } else if (kind === "responses") {
      const response = obj(event.response);
      usage.model ??= str(response.model);
      if (isObject(response.usage)) fromOpenAiUsage(response.usage, usage, RESPONSES_NAMES);
      if (typeof event.type === "string" && event.type.endsWith(".delta")) count(event.delta);
    } else if (kind === "messages") {
      if (event.type === "message_start") {
        const message = obj(event.message);
        usage.model ??= str(message.model);
        if (isObject(message.usage)) mergeAnthropicUsage(message.usage, usage);
      } else if (event.type === "message_delta" && isObject(event.usage)) {
        mergeAnthropicUsage(event.usage, usage);
        reportedOutput = true;
      } else if (event.type === "content_block_delta") {
        const delta = obj(event.delta);
        count(delta.text);
        count(delta.partial_json);
        count(delta.thinking);
      }
    }
  }
  return {
    add,
    result() {
      if (!hasSeenEvent) return null;
      const isOutputReported = usage.source === "reported" && (kind !== "messages" || reportedOutput);
      if (isOutputReported) return { ...usage };
      return { ...usage, outputTokens: Math.max(usage.outputTokens, Math.ceil(streamedChars / 4)), source: "estimated" };
    },
  };
}

/**
 * For OpenAI chat completions with `stream: true`, asks the provider to append a usage chunk
 * (`stream_options.include_usage`), without which a stream's cost cannot be counted. This changes
 * the request: the client receives one extra final chunk with `choices: []` and a `usage` object
 * (the official SDKs handle it; a client that reads choices[0] of every chunk blindly may not).
 * Older Azure API versions reject `stream_options`; don't call this for those upstreams.
 * Returns the body unchanged (same object) when nothing needs adding.
 */
export function ensureStreamUsage<T>(body: T): { body: T; isChanged: boolean } {
  if (!isObject(body) || body.stream !== true) return { body, isChanged: false };
  const options = obj(body.stream_options);
  if (options.include_usage === true) return { body, isChanged: false };
  return { body: { ...body, stream_options: { ...options, include_usage: true } } as T, isChanged: true };
}
