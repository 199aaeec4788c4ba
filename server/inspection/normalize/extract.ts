import type { RequestView } from "../types";
import { normalizeProse, normalizeValue, urlDecodeRepeated } from "./decode";
import { extractLlmTexts, isLlmBody } from "./llm";
import { LazyValue, type InspectedValue, type ValueKind } from "./values";
import { isCodeFieldLocation } from "../code-fields";

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
/**
 * Simple names that are still worth inspecting as values: Java-style dotted paths of three or more
 * segments (`java.io.File`, `org.apache.commons…`: deserialization and expression probes arrive as
 * parameter names) and long unbroken tokens of mixed case and digits (base64 gadgets used as keys).
 */
const KEY_WORTH_INSPECTING = /^(?:[A-Za-z_$][\w$]*\.){2,}[A-Za-z_$][\w$]*$|^(?=[\w-]*[a-z])(?=[\w-]*[A-Z])(?=[\w-]*\d)[\w-]{16,}$/;
const inspectKey = (key: string) => !SIMPLE_KEY.test(key) || KEY_WORTH_INSPECTING.test(key);

/**
 * What addJson needs to know about an object key: its location-safe name and whether the key is
 * inspected as a value. A pure function of the key; JSON bodies repeat the same keys in every
 * record, so it is memoized (bounded) instead of running two regexes per key.
 */
interface KeyInfo {
  safe: string;
  inspect: boolean;
  /** isCodeFieldLocation of any `<path>.<safe>`: it reads only the text after the last '.' or '_'. */
  codeName: boolean;
}
const keyMemo = new Map<string, KeyInfo>();
const MAX_KEY_MEMO = 4096;

function keyInfo(k: string): KeyInfo {
  let info = keyMemo.get(k);
  if (info !== undefined) return info;
  const safe = SIMPLE_KEY.test(k) ? k : "_";
  info = { safe, inspect: safe === "_" || k === "__proto__" || k === "constructor" || KEY_WORTH_INSPECTING.test(k), codeName: isCodeFieldLocation(`.${safe}`) };
  if (k.length <= 64) {
    if (keyMemo.size >= MAX_KEY_MEMO) keyMemo.clear();
    keyMemo.set(k, info);
  }
  return info;
}
/**
 * Bounds that never hide content: values past the first MAX_VALUES are inspected together as one
 * value at `body(overflow)`, and a JSON subtree nested deeper than MAX_DEPTH as one value at its
 * path, its strings joined by spaces (padding a body with 2,000 fields or 33 levels of arrays
 * used to drop the payload behind them unseen). Work stays linear in the body size.
 */
export const MAX_VALUES = 2000;
export const MAX_DEPTH = 32;
export const OVERFLOW_LOCATION = "body(overflow)";

function push(out: InspectedValue[], location: string, kind: ValueKind, raw: string): void {
  if (raw.length === 0) return;
  out.push(new LazyValue(location, kind, raw, normalizeValue));
}

/** Every string (keys included) under a node, without recursion, joined by spaces. */
export function stringsUnder(node: unknown): string {
  const parts: string[] = [];
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const n = stack.pop();
    if (typeof n === "string") parts.push(n);
    else if (Array.isArray(n)) for (let i = n.length - 1; i >= 0; i--) stack.push(n[i]);
    else if (typeof n === "object" && n !== null) {
      const keys = Object.keys(n);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i] as string;
        stack.push((n as Record<string, unknown>)[k], k);
      }
    }
  }
  return parts.join(" ");
}

/** LLM turns keep their own values (their role decides which rules read them). */
function foldOverflow(out: InspectedValue[]): void {
  if (out.length <= MAX_VALUES) return;
  const rest = out.splice(MAX_VALUES);
  const folded = rest.filter((v) => v.kind !== "llm").map((v) => v.raw);
  out.push(...rest.filter((v) => v.kind === "llm"));
  if (folded.length > 0) out.push(new LazyValue(OVERFLOW_LOCATION, "body", folded.join(" "), normalizeValue));
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
    if (inspectKey(key)) push(out, `${prefix}.${name}(key)`, "key", key);
    push(out, `${prefix}.${name}`, "param", formDecode(pair.slice(eq + 1)));
  }
}

/**
 * `codeField` is isCodeFieldLocation(path), carried down instead of re-reading each location: a
 * `.key` step is a code field when the key's name is one; an `[i]` step when the path before it is
 * a `.key` step that is one (one trailing index is dropped, two are not). extract.test.ts checks
 * it against isCodeFieldLocation on every extracted value.
 */
function addJson(out: InspectedValue[], node: unknown, path: string, depth: number, codeField = false, indexIsCode = false): void {
  if (depth > MAX_DEPTH) {
    pushJson(out, path, "body", stringsUnder(node), codeField);
    return;
  }
  if (typeof node === "string") pushJson(out, path, "body", node, codeField);
  else if (typeof node !== "object" || node === null) return;
  else if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const child: unknown = node[i];
      // Numbers, booleans and nulls yield no value: no location is built for them.
      if (typeof child === "string" || (typeof child === "object" && child !== null)) addJson(out, child, `${path}[${i}]`, depth + 1, indexIsCode, false);
    }
  } else {
    const record = node as Record<string, unknown>;
    for (const k of Object.keys(record)) {
      const { safe, inspect, codeName } = keyInfo(k);
      if (inspect) pushJson(out, `${path}.${safe}(key)`, "key", k, false);
      const child = record[k];
      if (typeof child === "string" || (typeof child === "object" && child !== null)) addJson(out, child, `${path}.${safe}`, depth + 1, codeName, codeName);
    }
  }
}

function pushJson(out: InspectedValue[], location: string, kind: ValueKind, raw: string, codeField: boolean): void {
  if (raw.length === 0) return;
  const v = new LazyValue(location, kind, raw, normalizeValue);
  v.codeField = codeField;
  out.push(v);
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
          if (t.text.length > 0) out.push(new LazyValue(`body.${t.path}`, "llm", t.text, normalizeProse, t.role));
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
        const safe = SIMPLE_KEY.test(cname) ? cname : "_";
        // A cookie's name is attacker-chosen like a parameter's: the same names are inspected
        // (anything beyond [\w.-], Java class paths, long gadget-like tokens), as CRS reads
        // REQUEST_COOKIES_NAMES.
        if (cname && inspectKey(cname)) push(out, `cookie.${safe}(key)`, "key", cname);
        push(out, `cookie.${safe}`, "header", eq < 0 ? part.trim() : part.slice(eq + 1).trim());
      }
      continue;
    }
    push(out, `header.${name}`, "header", value);
  }
  addBody(out, view);
  foldOverflow(out);
  return out;
}
