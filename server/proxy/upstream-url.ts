// Joins an upstream's base URL with the caller's path without letting the path escape the base:
// after WHATWG normalization (which folds "..", "%2e%2e" and "\\") the result must keep the base's
// origin and stay under its path. Encoded separators that a server might decode later ("..%2f")
// are refused outright.
//
// The base's own query parameters (e.g. Azure api-version) come first; the caller's query string
// is appended as it arrived (its bytes, not a re-serialization: the upstream sees what the client
// sent, with characters a URL cannot carry percent-encoded by the URL parser).
//
// A base URL is parsed once per process (bounded cache): the gateway joins every request to one of
// a few bases, and parsing it again per request was a measurable share of the proxy's CPU.
import { UpstreamError } from "@/server/proxy/upstream-error";

const ENCODED_TRAVERSAL = /(^|[/\\])(\.|%2e){1,2}(%2f|%5c)/i;
const UNSAFE_PATH = /[?#\0\r\n]/;

type TBase = { origin: string; basePath: string; search: string };
const BASES = new Map<string, TBase>();
const MAX_BASES = 4096;

function parseBase(baseUrl: string): TBase {
  let base = BASES.get(baseUrl);
  if (!base) {
    const url = new URL(baseUrl);
    base = { origin: url.origin, basePath: url.pathname.replace(/\/+$/, ""), search: url.search.replace(/^\?/, "") };
    if (BASES.size >= MAX_BASES) BASES.clear();
    BASES.set(baseUrl, base);
  }
  return base;
}

export function buildUpstreamUrl(baseUrl: string, path: string, query?: string | URLSearchParams): URL {
  const { origin, basePath, search } = parseBase(baseUrl);
  if (UNSAFE_PATH.test(path) || ENCODED_TRAVERSAL.test(path)) {
    throw new UpstreamError("invalid_path", "path contains a query, fragment, control character or encoded traversal");
  }
  const rel = path.startsWith("/") ? path : `/${path}`;
  const url = new URL(`${origin}${basePath}${rel}`);
  const staysInside = url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
  if (url.origin !== origin || !staysInside) {
    throw new UpstreamError("invalid_path", "path escapes the upstream base path");
  }
  const extra = (typeof query === "string" ? query : query?.toString() ?? "").replace(/^\?/, "");
  const joined = search && extra ? `${search}&${extra}` : search || extra;
  if (joined) url.search = joined;
  return url;
}
