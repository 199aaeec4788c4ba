import type { RequestView } from "../types";
import { normalizeProse, normalizeValue, urlDecodeRepeated } from "./decode";
import { extractLlmTexts, isLlmBody } from "./llm";
import type { InspectedValue, ValueKind } from "./values";

/**
 * Turns a request into the flat list of decoded values detectors see, each with its location.
 * Structural headers are skipped (they are parsed by the server, not passed to the app), and
 * Authorization is skipped on purpose: it legitimately carries credentials for the upstream.
 */
const SKIPPED_HEADERS = new Set([
  "host", "accept", "accept-encoding", "accept-language", "connection", "content-length",
  "content-type", "authorization", "cache-control", "pragma", "upgrade-insecure-requests",
  "if-none-match", "if-modified-since", "dnt", "te", "keep-alive", "proxy-authorization",
  "x-api-key", "x-request-id", "traceparent", "tracestate",
]);
const SIMPLE_KEY = /^[\w.-]{1,64}$/;
const MAX_VALUES = 2000;
const MAX_DEPTH = 32;

function push(out: InspectedValue[], location: string, kind: ValueKind, raw: string): void {
  if (raw.length === 0 || out.length >= MAX_VALUES) return;
  out.push({ location, kind, raw, text: normalizeValue(raw) });
}

function formDecode(s: string): string {
  return urlDecodeRepeated(s.replace(/\+/g, " "));
}

function addPairs(out: InspectedValue[], prefix: string, encoded: string): void {
  for (const pair of encoded.split("&")) {
    if (pair.length === 0) continue;
    const eq = pair.indexOf("=");
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const key = formDecode(rawKey);
    const name = SIMPLE_KEY.test(key) ? key : "_";
    if (eq < 0) {
      push(out, `${prefix}.${name}`, "param", key);
      continue;
    }
    if (!SIMPLE_KEY.test(key)) push(out, `${prefix}.${name}(key)`, "key", key);
    push(out, `${prefix}.${name}`, "param", formDecode(pair.slice(eq + 1)));
  }
}

function addJson(out: InspectedValue[], node: unknown, path: string, depth: number): void {
  if (depth > MAX_DEPTH || out.length >= MAX_VALUES) return;
  if (typeof node === "string") push(out, path, "body", node);
  else if (typeof node === "number" || typeof node === "boolean") return;
  else if (Array.isArray(node)) node.forEach((v, i) => addJson(out, v, `${path}[${i}]`, depth + 1));
  else if (node !== null && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      const safe = SIMPLE_KEY.test(k) ? k : "_";
      if (safe === "_" || k === "__proto__" || k === "constructor") push(out, `${path}.${safe}(key)`, "key", k);
      addJson(out, v, `${path}.${safe}`, depth + 1);
    }
  }
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function addBody(out: InspectedValue[], view: RequestView): void {
  const body = view.body;
  if (body === undefined || body.length === 0) return;
  const ct = (view.contentType ?? view.headers["content-type"] ?? "").toLowerCase();
  const trimmed = body.trimStart();
  const looksJson = trimmed.startsWith("{") || trimmed.startsWith("[");
  if (ct.includes("json") || (ct === "" && looksJson)) {
    const parsed = parseJson(body);
    if (parsed !== undefined) {
      if (isLlmBody(parsed)) {
        for (const t of extractLlmTexts(parsed)) {
          if (t.text.length > 0) out.push({ location: `body.${t.path}`, kind: "llm", role: t.role, raw: t.text, text: normalizeProse(t.text) });
        }
        return;
      }
      addJson(out, parsed, "body", 0);
      return;
    }
  }
  // Without a content type, a body that starts like "name=value" is read as a form, as PHP and
  // ModSecurity do for POST bodies (the value may hold spaces: "code=time ifconfig").
  if (ct.includes("x-www-form-urlencoded") || (ct === "" && /^[\w.\-\[\]%]{1,64}=/.test(trimmed))) {
    addPairs(out, "body", body);
    return;
  }
  push(out, "body", "body", body);
}

export function extractValues(view: RequestView): InspectedValue[] {
  const out: InspectedValue[] = [];
  if (view.path.length > 1) push(out, "path", "path", view.path);
  if (view.query.length > 0) addPairs(out, "query", view.query);
  for (const [name, value] of Object.entries(view.headers)) {
    if (SKIPPED_HEADERS.has(name) || name.startsWith("sec-")) continue;
    if (name === "cookie") {
      for (const part of value.split(";")) {
        const eq = part.indexOf("=");
        const cname = part.slice(0, Math.max(eq, 0)).trim();
        push(out, `cookie.${SIMPLE_KEY.test(cname) ? cname : "_"}`, "header", eq < 0 ? part.trim() : part.slice(eq + 1).trim());
      }
      continue;
    }
    push(out, `header.${name}`, "header", value);
  }
  addBody(out, view);
  return out;
}
