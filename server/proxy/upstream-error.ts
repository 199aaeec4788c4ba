// The one error type forwardRequest raises (before headers) or errors its body stream with
// (after headers). `status` is the response the gateway should map it to.
import { SsrfError } from "@/server/proxy/ssrf";

export type TUpstreamErrorKind = "timeout" | "connect" | "blocked" | "aborted" | "invalid_path" | "protocol";

const STATUS: Record<TUpstreamErrorKind, number> = {
  timeout: 504,
  connect: 502,
  blocked: 502, // a refused destination is a gateway/upstream configuration problem, not the caller's
  protocol: 502,
  invalid_path: 400,
  aborted: 499, // the client went away; nothing is sent, the status only labels the record
};

const CONNECT_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "ECONNABORTED",
  "UND_ERR_SOCKET",
]);

export class UpstreamError extends Error {
  readonly status: number;
  constructor(
    readonly kind: TUpstreamErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "UpstreamError";
    this.status = STATUS[kind];
  }
}

/** Maps any error raised while talking to an upstream to an UpstreamError (never leaks headers). */
export function toUpstreamError(err: unknown, upstreamHost: string): UpstreamError {
  if (err instanceof UpstreamError) return err;
  if (err instanceof SsrfError) return new UpstreamError("blocked", err.message, { cause: err });
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? "";
  if (code === "ETIMEDOUT") return new UpstreamError("timeout", `upstream ${upstreamHost} timed out connecting`, { cause: err });
  if (CONNECT_CODES.has(code)) return new UpstreamError("connect", `upstream ${upstreamHost} connection failed (${code})`, { cause: err });
  if (code.startsWith("ERR_SSL") || code.includes("CERT")) {
    return new UpstreamError("connect", `upstream ${upstreamHost} TLS failed (${code})`, { cause: err });
  }
  if (code.startsWith("HPE_") || code === "Z_DATA_ERROR" || code === "ERR_PADDING_1") {
    return new UpstreamError("protocol", `upstream ${upstreamHost} sent an invalid response (${code})`, { cause: err });
  }
  return new UpstreamError("connect", `upstream ${upstreamHost} failed${code ? ` (${code})` : ""}`, { cause: err });
}
