// The signed intent: a compact JWS (EdDSA, typ aegis-intent+jwt) an approver's
// decision yields. It binds the org, the agent, the exact subject (its hash),
// the approver, a single use (jti = approval id, consumed in the store) and a
// short expiry. Signing is deterministic (Ed25519 over a fixed claim order), so
// the token returned at approval and the one pulled from /v1/intents are equal.
import { CompactSign, errors, jwtVerify, decodeProtectedHeader } from "jose";
import type { KeyObject } from "node:crypto";

export const INTENT_TYP = "aegis-intent+jwt";
export const INTENT_ISSUER = "aegis";
export const INTENT_AUDIENCE = "aegis-gateway";
/** How long an approved intent may be used. */
export const INTENT_TTL_MS = 10 * 60_000;

export type TIntentClaims = {
  iss: string;
  aud: string;
  /** The agent the approval was for ("" when the caller named none). */
  sub: string;
  jti: string;
  iat: number;
  exp: number;
  org: string;
  /** sha256 of the canonical subject. */
  sbj: string;
  /** The approver's user id. */
  apr: string;
  /** Human-readable summary of the subject (not used for matching). */
  req: string;
};

export type TIntentSource = {
  approvalId: string;
  orgId: string;
  agent: string | null;
  subjectHash: string;
  approverId: string;
  decidedAt: Date;
  intentExpiresAt: Date;
  summary: string;
};

export async function signIntent(src: TIntentSource, key: { keyId: string; privateKey: KeyObject }): Promise<string> {
  const claims: TIntentClaims = {
    iss: INTENT_ISSUER, aud: INTENT_AUDIENCE, sub: src.agent ?? "", jti: src.approvalId,
    iat: Math.floor(src.decidedAt.getTime() / 1000), exp: Math.floor(src.intentExpiresAt.getTime() / 1000),
    org: src.orgId, sbj: src.subjectHash, apr: src.approverId, req: src.summary,
  };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: "EdDSA", typ: INTENT_TYP, kid: key.keyId })
    .sign(key.privateKey);
}

export type TIntentError = { code: "INTENT_INVALID" | "INTENT_EXPIRED"; message: string };

export function intentKeyId(token: string): string | null {
  try {
    const h = decodeProtectedHeader(token);
    return h.typ === INTENT_TYP && typeof h.kid === "string" ? h.kid : null;
  } catch {
    return null;
  }
}

/** Verifies signature, type, issuer, audience and expiry (no clock tolerance: the window is short on purpose). */
export async function verifyIntent(token: string, publicKey: KeyObject, now: number): Promise<TIntentClaims | TIntentError> {
  try {
    const { payload } = await jwtVerify(token, publicKey, {
      algorithms: ["EdDSA"], typ: INTENT_TYP, issuer: INTENT_ISSUER, audience: INTENT_AUDIENCE,
      currentDate: new Date(now), requiredClaims: ["exp", "jti", "sub"],
    });
    const p = payload as Partial<TIntentClaims>;
    if (typeof p.org !== "string" || typeof p.sbj !== "string" || typeof p.jti !== "string") {
      return { code: "INTENT_INVALID", message: "Intent lacks its binding claims" };
    }
    return p as TIntentClaims;
  } catch (e) {
    if (e instanceof errors.JWTExpired) return { code: "INTENT_EXPIRED", message: "This intent has expired; ask for a new approval" };
    return { code: "INTENT_INVALID", message: `Intent rejected: ${(e as Error).message}`.slice(0, 200) };
  }
}
