// Joins an upstream's base URL with the caller's path without letting the path escape the base:
// after WHATWG normalization (which folds "..", "%2e%2e" and "\\") the result must keep the base's
// origin and stay under its path. Encoded separators that a server might decode later ("..%2f")
// are refused outright.
import { UpstreamError } from "@/server/proxy/upstream-error";

const ENCODED_TRAVERSAL = /(^|[/\\])(\.|%2e){1,2}(%2f|%5c)/i;

export function buildUpstreamUrl(baseUrl: string, path: string, query?: string | URLSearchParams): URL {
  const base = new URL(baseUrl);
  if (/[?#]/.test(path) || ENCODED_TRAVERSAL.test(path) || /[\0\r\n]/.test(path)) {
    throw new UpstreamError("invalid_path", "path contains a query, fragment, control character or encoded traversal");
  }
  const basePath = base.pathname.replace(/\/+$/, "");
  const rel = path.startsWith("/") ? path : `/${path}`;
  const url = new URL(`${base.origin}${basePath}${rel}`);
  const staysInside = url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
  if (url.origin !== base.origin || !staysInside) {
    throw new UpstreamError("invalid_path", "path escapes the upstream base path");
  }
  // The base's own parameters (e.g. Azure api-version) come first; the caller's are appended.
  url.search = base.search;
  const extra = typeof query === "string" ? new URLSearchParams(query.replace(/^\?/, "")) : query;
  extra?.forEach((value, name) => url.searchParams.append(name, value));
  return url;
}
