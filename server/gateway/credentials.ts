// Resolves the caller of a gateway request: an org API key (Authorization:
// Bearer or x-aegis-key) or an agent JWT (Authorization: Bearer <jwt>) signed
// by a key of an issuer the org registered. Fails closed: anything unverifiable
// is a 401 with a reason, never a guess.
import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from "jose";
import type pg from "pg";
import type { Db } from "@/server/db/client";
import { hashApiKey, looksLikeApiKey } from "@/server/auth/api-key-format";
import type { Store } from "@/server/store/types";
import { SwrCache, loadKeyRecordSql, type KeyRecord } from "@/server/gateway/config-cache";
import type { Caller, Stop } from "@/server/gateway/types";

const unauthorized = (message: string, code = "UNAUTHORIZED"): Stop => ({
  decision: "BLOCK", status: 401, code, message, headers: { "www-authenticate": 'Bearer realm="aegis"' },
});

const AGENT_NAME = /^[A-Za-z0-9._:@-]{1,128}$/;

interface AgentIssuer {
  id: string;
  orgId: string;
  name: string;
  revoked: boolean;
  jwks: ReturnType<typeof createLocalJWKSet>;
}

export interface CredentialResolver {
  resolve(headers: Record<string, string>): Promise<Caller | Stop>;
  /** Keys whose lastUsedAt should be written (throttled, off the hot path). */
  drainUsedKeys(): string[];
}

/** `pool`: API keys are looked up with one plain query on it (no Prisma query compilation on the request thread). */
export function createCredentialResolver(db: Db, store: Store, now: () => number, pool: pg.Pool): CredentialResolver {
  const keys = new SwrCache<string, KeyRecord | null>((hash) => loadKeyRecordSql(pool, hash), now);
  const issuers = new SwrCache<string, AgentIssuer | null>(async (iss) => {
    const a = await db.agentIdentity.findFirst({ where: { issuer: iss } });
    if (!a) return null;
    return { id: a.id, orgId: a.orgId, name: a.name, revoked: !!a.revokedAt, jwks: createLocalJWKSet(a.jwks as unknown as JSONWebKeySet) };
  }, now);
  const used = new Set<string>();

  async function fromApiKey(key: string, headers: Record<string, string>): Promise<Caller | Stop> {
    if (!looksLikeApiKey(key)) return unauthorized("Malformed API key");
    const rec = await keys.get(hashApiKey(key));
    if (!rec) return unauthorized("Unknown API key");
    if (rec.revoked) return unauthorized("This API key was revoked", "KEY_REVOKED");
    if (rec.expiresAt !== null && rec.expiresAt <= now()) return unauthorized("This API key has expired", "KEY_EXPIRED");
    const agent = headers["x-aegis-agent"] ?? null;
    if (agent !== null && !AGENT_NAME.test(agent)) return unauthorized("x-aegis-agent must be 1-128 of [A-Za-z0-9._:@-]", "BAD_AGENT");
    used.add(rec.id);
    return { orgId: rec.orgId, agent, role: "service", via: "api_key", credentialId: rec.id };
  }

  async function fromJwt(token: string): Promise<Caller | Stop> {
    let iss: string | undefined;
    try {
      iss = decodeJwt(token).iss;
    } catch {
      return unauthorized("Malformed token");
    }
    if (!iss) return unauthorized("Agent token has no issuer");
    const issuer = await issuers.get(iss);
    if (!issuer) return unauthorized("Unknown token issuer");
    if (issuer.revoked) return unauthorized("This agent identity was revoked", "AGENT_REVOKED");
    let payload;
    try {
      ({ payload } = await jwtVerify(token, issuer.jwks, { issuer: iss, currentDate: new Date(now()), clockTolerance: 30, requiredClaims: ["exp", "jti", "sub"] }));
    } catch (e) {
      return unauthorized(`Agent token rejected: ${(e as Error).message}`.slice(0, 200), "TOKEN_INVALID");
    }
    const exp = (payload.exp ?? 0) * 1000;
    // A JTI is usable once within the token's lifetime, on every instance (store is shared with Redis).
    const fresh = await store.set(`jti:${issuer.orgId}:${payload.jti}`, "1", { nx: true, ttlMs: Math.max(exp - now(), 1000) + 30_000 });
    if (!fresh) return unauthorized("Agent token was already used (replay)", "TOKEN_REPLAYED");
    const role = typeof payload.role === "string" ? payload.role : "agent";
    return { orgId: issuer.orgId, agent: String(payload.sub), role, via: "agent_jwt", credentialId: issuer.id };
  }

  return {
    async resolve(headers) {
      const explicit = headers["x-aegis-key"];
      if (explicit) return fromApiKey(explicit.trim(), headers);
      const auth = headers.authorization;
      if (!auth) return unauthorized("Missing credentials: send Authorization: Bearer <key> or x-aegis-key");
      const m = /^Bearer\s+(\S+)$/i.exec(auth.trim());
      if (!m?.[1]) return unauthorized("Authorization must be 'Bearer <key or agent token>'");
      const token = m[1];
      return token.split(".").length === 3 ? fromJwt(token) : fromApiKey(token, headers);
    },
    drainUsedKeys() {
      const ids = [...used];
      used.clear();
      return ids;
    },
  };
}
