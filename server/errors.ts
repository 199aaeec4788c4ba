// One error class, one code table, one JSON shape:
// { "error": { "code", "message", "request_id", ...details } }
export const ERROR_CODES = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  BAD_GATEWAY: 502,
  UNAVAILABLE: 503,
  GATEWAY_TIMEOUT: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AegisError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = "AegisError";
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ERROR_CODES[this.code];
  }
}

export const notFound = (what: string) => new AegisError("NOT_FOUND", `${what} not found`);
export const forbidden = (message: string, details: Record<string, unknown> = {}) =>
  new AegisError("FORBIDDEN", message, details);
export const badRequest = (message: string, details: Record<string, unknown> = {}) =>
  new AegisError("BAD_REQUEST", message, details);
export const conflict = (message: string) => new AegisError("CONFLICT", message);

export function errorBody(err: AegisError, requestId: string) {
  return { error: { code: err.code, message: err.message, request_id: requestId, ...err.details } };
}

/** Unknown errors never leak: the caller logs the cause and returns this. */
export function toAegisError(err: unknown): AegisError {
  if (err instanceof AegisError) return err;
  return new AegisError("INTERNAL", "Internal error");
}
