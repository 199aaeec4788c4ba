import type { RequestView } from "@/server/inspection/types";

/**
 * Fixed benign request templates that a payload is injected into, rotated per case so every
 * template sees a share of every family: query string, form body, JSON body.
 */
const BROWSER_HEADERS: Record<string, string> = {
  host: "api.example.com",
  "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
  accept: "application/json, text/plain, */*",
  "accept-language": "en-US,en;q=0.9",
  cookie: "session=3f9a1c2e7b; theme=dark",
};

export function paramRequest(payload: string, variant: number): RequestView {
  const enc = encodeURIComponent(payload);
  switch (variant % 3) {
    case 0:
      return { method: "GET", path: "/api/v1/search", query: `page=1&q=${enc}&sort=recent`, headers: { ...BROWSER_HEADERS } };
    case 1:
      return {
        method: "POST", path: "/api/v1/comments", query: "",
        headers: { ...BROWSER_HEADERS, "content-type": "application/x-www-form-urlencoded" },
        contentType: "application/x-www-form-urlencoded", body: `author=alice&comment=${enc}&notify=1`,
      };
    default:
      return {
        method: "POST", path: "/api/v1/profile", query: "",
        headers: { ...BROWSER_HEADERS, "content-type": "application/json" },
        contentType: "application/json", body: JSON.stringify({ user: "alice", field: payload, tags: ["a", "b"] }),
      };
  }
}

export function jsonRequest(path: string, body: unknown): RequestView {
  return {
    method: "POST", path, query: "",
    headers: { ...BROWSER_HEADERS, "content-type": "application/json" },
    contentType: "application/json", body: JSON.stringify(body),
  };
}

export function chatRequest(user: string, system = "You are a helpful assistant."): RequestView {
  return jsonRequest("/v1/chat/completions", { model: "gpt-4o-mini", messages: [{ role: "system", content: system }, { role: "user", content: user }] });
}

const DOCUMENTS: ReadonlyArray<(inner: string) => string> = [
  (x) => `From: Dana Whitfield <dana@contoso.example>\nSubject: Q3 planning notes\n\nHi team,\n\nThanks for the productive meeting yesterday. ${x}\n\nThe revised budget sheet is attached; please review it before Friday.\n\nBest,\nDana`,
  (x) => `<html><head><title>Garden tips</title></head><body><h1>Spring planting guide</h1><p>Tomatoes need six hours of sun. ${x}</p><p>Water early in the morning.</p></body></html>`,
  (x) => `| product | units | region |\n|---|---|---|\n| lamp | 120 | north |\n| desk | 45 | south |\n\nNote: ${x}\n\nSource: internal sales export, week 32.`,
  (x) => `Search result 1: "Understanding compound interest" - bankrate.example\nSnippet: Compound interest grows savings over time. ${x}\nSearch result 2: "Savings calculators" - calc.example`,
  (x) => `def moving_average(values, window):\n    """Return the moving average of values."""\n    # ${x.replace(/\n/g, "\n    # ")}\n    return [sum(values[i:i + window]) / window for i in range(len(values) - window + 1)]`,
];

/** A tool result in alternating OpenAI ("tool" role) and Anthropic (tool_result block) shapes. */
export function toolOutputRequest(inner: string, variant: number, rawDocument = false): RequestView {
  const doc = rawDocument ? inner : (DOCUMENTS[variant % DOCUMENTS.length] ?? ((x: string) => x))(inner);
  if (variant % 2 === 0) {
    return jsonRequest("/v1/chat/completions", {
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "You are an assistant that reads documents for the user." },
        { role: "user", content: "Please summarize the document you fetched." },
        { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "fetch_document", arguments: "{\"id\":\"42\"}" } }] },
        { role: "tool", tool_call_id: "call_1", content: doc },
      ],
    });
  }
  return jsonRequest("/v1/messages", {
    model: "claude-sonnet",
    system: "You are an assistant that reads documents for the user.",
    messages: [
      { role: "user", content: "Please summarize the document you fetched." },
      { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "fetch_document", input: { id: "42" } }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: doc }] },
    ],
  });
}
