// Recorded-shape provider payloads for the usage tests (field names as the providers send them).
const sse = (events: unknown[], named = false) =>
  events
    .map((e) => {
      const type = (e as { type?: string }).type;
      return `${named && type ? `event: ${type}\n` : ""}data: ${typeof e === "string" ? e : JSON.stringify(e)}\n\n`;
    })
    .join("");

export const CHAT_STREAM = sse([
  { id: "c1", object: "chat.completion.chunk", model: "gpt-4o-mini-2024-07-18", choices: [{ index: 0, delta: { role: "assistant", content: "" } }], usage: null },
  { id: "c1", object: "chat.completion.chunk", model: "gpt-4o-mini-2024-07-18", choices: [{ index: 0, delta: { content: "Hello there, " } }], usage: null },
  { id: "c1", object: "chat.completion.chunk", model: "gpt-4o-mini-2024-07-18", choices: [{ index: 0, delta: { content: "friend!" } }], usage: null },
  { id: "c1", object: "chat.completion.chunk", model: "gpt-4o-mini-2024-07-18", choices: [{ index: 0, delta: {}, finish_reason: "stop" }], usage: null },
  {
    id: "c1",
    object: "chat.completion.chunk",
    model: "gpt-4o-mini-2024-07-18",
    choices: [],
    usage: { prompt_tokens: 21, completion_tokens: 5, total_tokens: 26, prompt_tokens_details: { cached_tokens: 8 }, completion_tokens_details: { reasoning_tokens: 0 } },
  },
  "[DONE]",
]);

export const RESPONSES_STREAM = sse(
  [
    { type: "response.created", sequence_number: 0, response: { id: "r1", model: "gpt-4.1-2025-04-14", status: "in_progress", usage: null } },
    { type: "response.output_text.delta", sequence_number: 1, item_id: "m1", output_index: 0, content_index: 0, delta: "Hi" },
    { type: "response.output_text.delta", sequence_number: 2, item_id: "m1", output_index: 0, content_index: 0, delta: " you" },
    {
      type: "response.completed",
      sequence_number: 3,
      response: {
        id: "r1",
        model: "gpt-4.1-2025-04-14",
        status: "completed",
        usage: { input_tokens: 30, input_tokens_details: { cached_tokens: 0 }, output_tokens: 12, output_tokens_details: { reasoning_tokens: 4 }, total_tokens: 42 },
      },
    },
  ],
  true,
);

export const MESSAGES_STREAM = sse(
  [
    {
      type: "message_start",
      message: {
        id: "msg_1",
        type: "message",
        role: "assistant",
        model: "claude-3-5-sonnet-20241022",
        content: [],
        usage: { input_tokens: 25, cache_creation_input_tokens: 100, cache_read_input_tokens: 1000, output_tokens: 1 },
      },
    },
    { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
    { type: "ping" },
    { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hello" } },
    { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: " world, how are you" } },
    { type: "content_block_stop", index: 0 },
    { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: 15 } },
    { type: "message_stop" },
  ],
  true,
);

export const CHAT_JSON = {
  id: "c2",
  object: "chat.completion",
  model: "gpt-4o-2024-08-06",
  choices: [{ index: 0, message: { role: "assistant", content: "ok" }, finish_reason: "stop" }],
  usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12, prompt_tokens_details: { cached_tokens: 0 } },
};
export const RESPONSES_JSON = { id: "r2", object: "response", model: "o4-mini", output: [], usage: { input_tokens: 7, output_tokens: 50, output_tokens_details: { reasoning_tokens: 40 } } };
export const MESSAGES_JSON = { id: "m2", type: "message", model: "claude-sonnet-4-20250514", content: [], usage: { input_tokens: 9, output_tokens: 3 } };
export const embeddingsJson = (count: number) => ({
  object: "list",
  data: Array.from({ length: count }, (_, index) => ({ object: "embedding", index, embedding: Array.from({ length: 64 }, (_, i) => (i % 7) / 7 - 0.5) })),
  model: "text-embedding-3-small",
  usage: { prompt_tokens: 1234, total_tokens: 1234 },
});
