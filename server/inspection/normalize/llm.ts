import type { LlmRole } from "./values";

/**
 * Walks OpenAI (chat completions, responses) and Anthropic (messages) request bodies and yields
 * every text the model will read, with its role. Tool results count as role "tool" wherever they
 * sit (OpenAI role "tool"/"function", Anthropic tool_result blocks inside a user turn), because
 * indirect injection arrives there.
 */
export interface LlmText {
  path: string;
  role: LlmRole;
  text: string;
}

type Json = unknown;

function isRecord(v: Json): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function toRole(v: Json): LlmRole {
  if (v === "system" || v === "developer") return "system";
  if (v === "assistant" || v === "model") return "assistant";
  if (v === "tool" || v === "function") return "tool";
  return "user";
}

function walkContent(content: Json, path: string, role: LlmRole, out: LlmText[]): void {
  if (typeof content === "string") {
    out.push({ path, role, text: content });
    return;
  }
  if (Array.isArray(content)) {
    content.forEach((part, i) => walkContent(part, `${path}[${i}]`, role, out));
    return;
  }
  if (!isRecord(content)) return;
  const type = content["type"];
  if (type === "tool_result" || type === "function_call_output") {
    walkContent(content["content"] ?? content["output"], `${path}.${"content" in content ? "content" : "output"}`, "tool", out);
    return;
  }
  for (const key of ["text", "input_text", "content", "output"]) {
    if (key in content) walkContent(content[key], `${path}.${key}`, role, out);
  }
}

export function isLlmBody(body: Json): body is Record<string, Json> {
  if (!isRecord(body)) return false;
  const messages = body["messages"] ?? body["input"];
  if (Array.isArray(messages)) return messages.some((m) => isRecord(m) && ("role" in m || "type" in m));
  return typeof body["prompt"] === "string" && typeof body["model"] === "string";
}

/** Paths are relative to the body root, e.g. "messages[2].content". */
export function extractLlmTexts(body: Record<string, Json>): LlmText[] {
  const out: LlmText[] = [];
  if (body["system"] !== undefined) walkContent(body["system"], "system", "system", out);
  if (typeof body["instructions"] === "string") out.push({ path: "instructions", role: "system", text: body["instructions"] });
  if (typeof body["prompt"] === "string") out.push({ path: "prompt", role: "user", text: body["prompt"] });
  for (const key of ["messages", "input"] as const) {
    const list = body[key];
    if (typeof list === "string") out.push({ path: key, role: "user", text: list });
    if (!Array.isArray(list)) continue;
    list.forEach((m, i) => {
      if (!isRecord(m)) return;
      const role = m["type"] === "function_call_output" ? "tool" : toRole(m["role"]);
      const field = "content" in m ? "content" : "output";
      walkContent(m[field], `${key}[${i}].${field}`, role, out);
      const calls = m["tool_calls"];
      if (Array.isArray(calls)) {
        calls.forEach((c, j) => {
          const args = isRecord(c) && isRecord(c["function"]) ? c["function"]["arguments"] : undefined;
          if (typeof args === "string") out.push({ path: `${key}[${i}].tool_calls[${j}].function.arguments`, role: "assistant", text: args });
        });
      }
    });
  }
  return out;
}
