// Header hygiene for the proxy hop, in both directions.
//
// Request: hop-by-hop headers (RFC 9110 §7.6.1) and anything the Connection header names are
// connection-scoped and must not be forwarded; host and content-length are recomputed for the
// upstream; the caller's Aegis credentials (x-aegis-*, cookie, and whatever the gateway lists,
// e.g. an authorization header that carried an Aegis key) never leave the gateway; client-network
// headers (forwarded, x-forwarded-*, x-real-ip) are dropped so internal addresses do not leak to
// third-party APIs. The injected secret header is set last, so a client cannot override it.
// Response: hop-by-hop headers are dropped; the rest passes through.

export type THeaderInput = Headers | Record<string, string | string[] | undefined>;
export type TInjectHeader = { name: string; value: string };

const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);
const REQUEST_ALWAYS_STRIPPED = new Set(["host", "content-length", "cookie", "forwarded", "x-real-ip", "expect"]);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function entries(input: THeaderInput): [string, string][] {
  if (input instanceof Headers) return [...input.entries()];
  const out: [string, string][] = [];
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) out.push([name.toLowerCase(), v]);
  }
  return out;
}

function connectionListed(pairs: [string, string][]): Set<string> {
  const listed = new Set<string>();
  for (const [name, value] of pairs) {
    if (name !== "connection") continue;
    for (const token of value.split(",")) if (token.trim()) listed.add(token.trim().toLowerCase());
  }
  return listed;
}

const isHopByHop = (name: string, listed: Set<string>) => HOP_BY_HOP.has(name) || listed.has(name) || name.startsWith("proxy-");

/** Headers to send upstream, as a node:http header object (multi-values kept as arrays). */
export function buildUpstreamHeaders(
  input: THeaderInput,
  opts: { stripHeaders?: string[]; inject?: TInjectHeader; acceptEncoding?: string },
): Record<string, string | string[]> {
  const pairs = entries(input);
  const listed = connectionListed(pairs);
  const strip = new Set((opts.stripHeaders ?? []).map((h) => h.toLowerCase()));
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of pairs) {
    if (isHopByHop(name, listed) || REQUEST_ALWAYS_STRIPPED.has(name) || strip.has(name)) continue;
    if (name.startsWith("x-aegis-") || name.startsWith("x-forwarded-")) continue;
    const prev = out[name];
    out[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  if (opts.acceptEncoding !== undefined) out["accept-encoding"] = opts.acceptEncoding;
  if (opts.inject) out[opts.inject.name.toLowerCase()] = opts.inject.value;
  return out;
}

/** Upstream response headers minus hop-by-hop ones, as Web Headers (set-cookie kept multiple). */
export function filterResponseHeaders(raw: Record<string, string | string[] | undefined>, drop: string[] = []): Headers {
  const pairs = entries(raw);
  const listed = connectionListed(pairs);
  const dropped = new Set(drop);
  const headers = new Headers();
  for (const [name, value] of pairs) {
    if (isHopByHop(name, listed) || dropped.has(name)) continue;
    headers.append(name, value);
  }
  return headers;
}

/**
 * Parses an injection template such as "Authorization: Bearer {secret}" or "x-api-key: {secret}".
 * Throws when the name is not an HTTP token or the result would contain CR/LF/NUL (header
 * injection). The secret never appears in the error message.
 */
export function parseInjectTemplate(template: string, secret: string): TInjectHeader {
  const colon = template.indexOf(":");
  if (colon <= 0) throw new Error("inject template must look like 'Header-Name: value with {secret}'");
  const name = template.slice(0, colon).trim();
  const pattern = template.slice(colon + 1).trim();
  if (!TOKEN.test(name)) throw new Error("inject template header name is not a valid HTTP token");
  if (!pattern.includes("{secret}")) throw new Error("inject template must contain {secret}");
  const value = pattern.split("{secret}").join(secret);
  if (/[\r\n\0]/.test(value)) throw new Error("inject template value contains forbidden control characters");
  return { name: name.toLowerCase(), value };
}
