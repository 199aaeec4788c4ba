// What an approval is about, exactly: the request (method, upstream, path,
// query, body sha256) or the agent's action descriptor. The gateway computes it
// when it escalates and again when the agent retries; a signed intent binds its
// hash, so only the identical call is let through.
import { createHash } from "node:crypto";
import { canonicalize } from "@/server/audit/jcs";
import type { GatewayContext } from "@/server/gateway/types";

export type TRequestSubject = { kind: "request"; method: string; upstream: string | null; path: string; query: string; body_sha256: string | null };
export type TActionSubject = { kind: "action"; action: NonNullable<GatewayContext["action"]> };
export type TSubject = TRequestSubject | TActionSubject;

export function subjectOf(ctx: Pick<GatewayContext, "action" | "body" | "method" | "alias" | "upstreamPath" | "query">): TSubject {
  if (ctx.action) return { kind: "action", action: ctx.action };
  const bodyHash = ctx.body ? createHash("sha256").update(ctx.body).digest("hex") : null;
  return { kind: "request", method: ctx.method, upstream: ctx.alias, path: ctx.upstreamPath, query: ctx.query, body_sha256: bodyHash };
}

/** sha256 (hex) of the RFC 8785 canonical JSON, so key order never matters. Values JSON cannot
 * hold (a lone surrogate, a non-finite number) fall back to plain JSON: still exact, just not canonical. */
export function subjectHash(subject: unknown): string {
  let text: string;
  try {
    text = canonicalize(JSON.parse(JSON.stringify(subject)));
  } catch {
    text = JSON.stringify(subject);
  }
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** A short, human-readable line for lists and the intent's `req` claim. */
export function describeSubject(subject: unknown): string {
  const s = (subject ?? {}) as Record<string, unknown>;
  if (s.kind === "action") {
    const a = (s.action ?? {}) as Record<string, unknown>;
    return `${String(a.tool ?? "?")}.${String(a.action ?? "?")}${a.resource ? ` ${String(a.resource)}` : ""}`.slice(0, 300);
  }
  const q = typeof s.query === "string" && s.query ? `?${s.query}` : "";
  return `${String(s.method ?? "?")} ${String(s.upstream ?? "")}${String(s.path ?? "")}${q}`.slice(0, 300);
}
