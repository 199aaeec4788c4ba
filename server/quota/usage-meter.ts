// Observes a response body on its way to the client and resolves the LLM token usage at the end.
// Chunks pass through unchanged and unbuffered (a TransformStream, no tee); SSE is parsed line by
// line on the side. A JSON body is kept whole up to `maxJsonChars` to parse at the end; beyond
// that only its head and tail are kept and the top-level "model" and last "usage" object are
// recovered by scanning (providers put usage at the end, e.g. after a huge embeddings array).
import { createStreamAccumulator, extractUsage, type TLlmEndpoint, type TLlmUsage } from "@/server/quota/usage";

export type TMeteredUsage = TLlmUsage & { isComplete: boolean };
export type TUsageMeter = {
  stream: TransformStream<Uint8Array, Uint8Array>;
  /** Resolves when the body ends, errors or is cancelled; null when no usage could be found. */
  result: Promise<TMeteredUsage | null>;
};

const MAX_SSE_LINE = 8 * 1024 * 1024;
const EDGE_CHARS = 64 * 1024;

export function createUsageMeter(kind: TLlmEndpoint, opts: { format?: "auto" | "json" | "sse"; maxJsonChars?: number } = {}): TUsageMeter {
  const maxJsonChars = opts.maxJsonChars ?? 4 * 1024 * 1024;
  const decoder = new TextDecoder();
  const events = createStreamAccumulator(kind);
  let format = opts.format ?? "auto";
  // SSE state
  let line = "";
  let data: string[] = [];
  let isLineOverflow = false;
  let isAfterCr = false;
  let undecided = ""; // leading whitespace before the format is known
  // JSON state
  const parts: string[] = [];
  let jsonChars = 0;
  let head = "";
  let tail = "";
  let settle: (u: TMeteredUsage | null) => void = () => undefined;
  const result = new Promise<TMeteredUsage | null>((resolve) => (settle = resolve));

  function dispatch(): void {
    const payload = data.join("\n");
    data = [];
    if (!payload || payload === "[DONE]") return;
    try {
      events.add(JSON.parse(payload));
    } catch {
      // A non-JSON event (comment, keep-alive text) carries no usage.
    }
  }

  function onLine(l: string): void {
    if (l === "") return dispatch();
    if (l.startsWith("data:")) data.push(l.slice(l.startsWith("data: ") ? 6 : 5));
    // event:, id:, retry: and ":" comments do not matter: the JSON payload names its own type.
  }

  function feedSse(text: string): void {
    let start = 0;
    // A CRLF split across chunks: the LF was already accounted for by the CR.
    if (isAfterCr && text.charCodeAt(0) === 10) start = 1;
    isAfterCr = false;
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      if (!isLineOverflow) onLine(line + text.slice(start, i));
      line = "";
      isLineOverflow = false;
      if (c === 13) {
        if (i + 1 === text.length) isAfterCr = true;
        else if (text.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    line += text.slice(start);
    if (line.length > MAX_SSE_LINE) {
      line = "";
      isLineOverflow = true;
    }
  }

  function feedJson(text: string): void {
    if (head.length < EDGE_CHARS) head += text.slice(0, EDGE_CHARS - head.length);
    tail = (tail + text).slice(-EDGE_CHARS);
    jsonChars += text.length;
    if (jsonChars <= maxJsonChars) parts.push(text);
    else parts.length = 0;
  }

  function feed(text: string): void {
    if (format === "auto") {
      const first = text.trimStart()[0];
      if (first === undefined) return void (undecided += text);
      format = first === "{" || first === "[" ? "json" : "sse";
      text = undecided + text;
      undecided = "";
    }
    if (format === "sse") feedSse(text);
    else feedJson(text);
  }

  function finish(isComplete: boolean): void {
    feed(decoder.decode());
    let usage: TLlmUsage | null = null;
    if (format === "sse") {
      if (line) onLine(line);
      dispatch();
      usage = events.result();
    } else if (format === "json") {
      usage = jsonChars <= maxJsonChars ? parseJson(kind, parts.join("")) : scanEdges(kind, head, tail);
    }
    settle(usage ? { ...usage, isComplete } : null);
  }

  // `cancel` (called when the client goes away) is in Node 20's TransformStream but not yet in
  // TypeScript's DOM lib, hence the widened type.
  const transformer: Transformer<Uint8Array, Uint8Array> & { cancel?: (reason: unknown) => void } = {
    transform(chunk, controller) {
      controller.enqueue(chunk); // first, so metering never delays the client
      try {
        feed(decoder.decode(chunk, { stream: true }));
      } catch {
        // Metering must never break the response; a parse failure only loses the usage.
      }
    },
    flush: () => finish(true),
    cancel: () => finish(false),
  };
  return { stream: new TransformStream(transformer), result };
}

function parseJson(kind: TLlmEndpoint, text: string): TLlmUsage | null {
  try {
    return extractUsage(kind, JSON.parse(text));
  } catch {
    return null;
  }
}

/** Extracts the balanced {...} starting at `from` (string-aware), or null. */
function balancedObject(text: string, from: number): string | null {
  let depth = 0;
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return text.slice(from, i + 1);
  }
  return null;
}

function scanEdges(kind: TLlmEndpoint, head: string, tail: string): TLlmUsage | null {
  for (const text of [tail, head]) {
    const at = text.lastIndexOf('"usage"');
    if (at === -1) continue;
    const open = text.indexOf("{", at);
    const usageJson = open === -1 ? null : balancedObject(text, open);
    if (!usageJson) continue;
    const model = /"model"\s*:\s*"([^"\\]{1,200})"/.exec(head)?.[1] ?? /"model"\s*:\s*"([^"\\]{1,200})"/.exec(tail)?.[1];
    try {
      return extractUsage(kind, { model, usage: JSON.parse(usageJson) as unknown });
    } catch {
      continue;
    }
  }
  return null;
}
