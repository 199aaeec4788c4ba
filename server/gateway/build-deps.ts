// Builds the production dependencies from the configured adapters.
import { getStore } from "@/server/adapters";
import { createPostgresAuditSink } from "@/server/audit/appender";
import { getDb } from "@/server/db/client";
import { getEnv } from "@/server/env";
import { createPgPool } from "@/server/db/pg-pool";
import { log } from "@/server/log/logger";
import { createPolicyEngine } from "@/server/policy";
import { createCircuitBreakers } from "@/server/proxy/circuit-breaker";
import { forwardRequest } from "@/server/proxy/forward";
import { getKeyring } from "@/server/secrets/keyring";
import { SwrCache, loadOrgSnapshot, markKeysUsed, orgVersionProbe } from "@/server/gateway/config-cache";
import { createCredentialResolver } from "@/server/gateway/credentials";
import { createLimiter } from "@/server/gateway/limiter";
import type { GatewayDeps } from "@/server/gateway/deps";
import type { OrgSnapshot } from "@/server/gateway/types";

export async function buildGatewayDeps(overrides: Partial<GatewayDeps> = {}): Promise<GatewayDeps> {
  const now = overrides.now ?? Date.now;
  const db = overrides.db ?? getDb();
  const store = overrides.store ?? getStore();
  const keyring = overrides.keyring ?? getKeyring();
  // Configuration freshness checks (once a second per org and key) as plain queries: Prisma's
  // query compilation would run on the request thread (server/gateway/config-cache.ts).
  const configPool = createPgPool(getEnv().DATABASE_URL ?? "", 2, { statementTimeoutMs: 5_000 });
  const credentials = overrides.credentials ?? createCredentialResolver(db, store, now, configPool);
  const deps: GatewayDeps = {
    now,
    db,
    store,
    keyring,
    credentials,
    limiter: overrides.limiter ?? createLimiter(store, now),
    policy: overrides.policy ?? (await createPolicyEngine()),
    breakers: overrides.breakers ?? createCircuitBreakers({ failureThreshold: 5, openMs: 10_000 }),
    forward: overrides.forward ?? forwardRequest,
    // The appender writes its batches on a plain pg pool (half the cost of a
    // Prisma interactive transaction); the rest of the gateway uses Prisma.
    audit: overrides.audit ?? createPostgresAuditSink(db, { kek: keyring, pool: createPgPool(getEnv().DATABASE_URL ?? "", 4, { statementTimeoutMs: 30_000 }) }),
    orgs: overrides.orgs ?? new SwrCache<string, OrgSnapshot | null>((id) => loadOrgSnapshot(db, keyring, id), now, undefined, orgVersionProbe(configPool)),
    options: overrides.options ?? { maxBodyBytes: getEnv().AEGIS_MAX_BODY_BYTES, degradedRiskThreshold: 50, approvalTtlMs: 3600_000 },
  };
  // lastUsedAt bookkeeping: batched, throttled, one plain statement (through Prisma its query
  // compilation took tens of milliseconds of the request thread every 15 s, a visible stall).
  const flush = setInterval(() => {
    const ids = credentials.drainUsedKeys();
    if (ids.length === 0) return;
    markKeysUsed(configPool, ids, new Date(now())).catch((err: unknown) => log.warn("lastUsedAt update failed", { err }));
  }, 15_000);
  flush.unref();
  return deps;
}
