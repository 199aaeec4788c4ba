// Org configuration and API-key lookups, cached per process so the hot path
// does no database round trip. Freshness: an entry is served as is for
// FRESH_MS, then served while a background refresh runs, and never older than
// MAX_STALE_MS (then the request waits for the reload). So a revoked key, a
// kill switch or a new upstream reaches every instance within MAX_STALE_MS
// (< 5 s), with at most one cheap query per org/key per FRESH_MS.
import type pg from "pg";
import type { Db } from "@/server/db/client";
import { forOrg } from "@/server/db/scoped";
import { log } from "@/server/log/logger";
import type { TKeyring } from "@/server/crypto/envelope";
import { upstreamSecretAad } from "@/server/secrets/keyring";
import { z } from "zod";
import { ZRule, type TRule } from "@/server/policy";
import { defaultInspection, mergeInspection } from "@/server/gateway/inspection-config";
import type { OrgSnapshot, QuotaLimits, UpstreamSnapshot } from "@/server/gateway/types";

export const FRESH_MS = 1_000;
export const MAX_STALE_MS = 3_000;

interface Entry<T> {
  value: T;
  loadedAt: number;
  refreshing: Promise<T> | null;
}

/**
 * Whether a cached value is still current, asked instead of reloading it (a version check: one
 * small query instead of the several a full load makes). Resolving false reloads.
 */
export type TProbe<K, T> = (key: K, current: T) => Promise<boolean>;

/** Stale-while-revalidate with a hard staleness bound. */
export class SwrCache<K, T> {
  private readonly entries = new Map<K, Entry<T>>();
  constructor(
    private readonly load: (key: K) => Promise<T>,
    private readonly now: () => number,
    private readonly maxEntries = 50_000,
    private readonly probe?: TProbe<K, T>,
  ) {}

  async get(key: K): Promise<T> {
    const e = this.entries.get(key);
    const t = this.now();
    if (e && t - e.loadedAt < FRESH_MS) return e.value;
    if (e && t - e.loadedAt < MAX_STALE_MS) {
      if (!e.refreshing) {
        const refreshing = this.refresh(key, e);
        e.refreshing = refreshing;
        // A failed background refresh is retried by the next request; past MAX_STALE_MS the
        // request waits for a load and fails with it (callers fail closed).
        refreshing.catch(() => undefined).finally(() => {
          if (e.refreshing === refreshing) e.refreshing = null;
        });
      }
      return e.value;
    }
    if (e?.refreshing) return e.refreshing;
    return this.reload(key);
  }

  private async refresh(key: K, e: Entry<T>): Promise<T> {
    if (this.probe && (await this.probe(key, e.value))) {
      e.loadedAt = this.now();
      return e.value;
    }
    return this.reload(key);
  }

  private async reload(key: K): Promise<T> {
    const value = await this.load(key);
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, loadedAt: this.now(), refreshing: null });
    return value;
  }

  invalidate(key: K): void {
    this.entries.delete(key);
  }
}

export interface KeyRecord {
  id: string;
  orgId: string;
  expiresAt: number | null;
  revoked: boolean;
}

function toLimits(q: { requestsPerSecond: number | null; burst: number | null; dailyRequests: number | null; monthlyRequests: number | null; monthlyCostUsd: unknown }): QuotaLimits {
  return {
    requestsPerSecond: q.requestsPerSecond,
    burst: q.burst,
    dailyRequests: q.dailyRequests,
    monthlyRequests: q.monthlyRequests,
    monthlyCostUsd: q.monthlyCostUsd === null || q.monthlyCostUsd === undefined ? null : Number(q.monthlyCostUsd),
  };
}

export async function loadOrgSnapshot(db: Db, keyring: TKeyring, orgId: string): Promise<OrgSnapshot | null> {
  const org = await db.organization.findUnique({ where: { id: orgId } });
  if (!org) return null;
  const sdb = forOrg(db, orgId);
  const [kills, upstreams, quotas, ruleVersion, custom] = await Promise.all([
    sdb.killSwitch.findMany(),
    sdb.upstream.findMany(),
    sdb.quotaPolicy.findMany(),
    sdb.ruleSetVersion.findFirst({ orderBy: { version: "desc" } }),
    sdb.customPolicy.findFirst(),
  ]);
  const inspection = mergeInspection(defaultInspection(), org.inspection);
  const ups = new Map<string, UpstreamSnapshot>();
  for (const u of upstreams) {
    let secret: string | null = null;
    if (u.secretCipher) {
      try {
        secret = keyring.decrypt(u.secretCipher, upstreamSecretAad(orgId, u.id));
      } catch (err) {
        // Fail closed for this upstream: without its secret it cannot be called correctly.
        log.error("upstream secret cannot be decrypted", { org_id: orgId, upstream: u.name, err });
        continue;
      }
    }
    ups.set(u.name, {
      id: u.id, name: u.name, baseUrl: u.baseUrl, allowPrivate: u.allowPrivate, timeoutMs: u.timeoutMs,
      posture: u.posture === "deny_by_default" || u.posture === "allow_by_default" ? u.posture : null,
      injectTemplate: u.injectTemplate, secret, inspection: mergeInspection(inspection, u.inspection),
    });
  }
  const parsedRules = ruleVersion ? z.array(ZRule).safeParse(ruleVersion.rules) : null;
  if (parsedRules && !parsedRules.success) log.error("published rule set failed validation; using none", { org_id: orgId });
  const rules: TRule[] = parsedRules?.success ? parsedRules.data : [];
  const orgQuota = quotas.find((q) => q.agent === "");
  return {
    orgId, slug: org.slug, version: org.configVersion, shadowMode: org.shadowMode, degradedMode: org.degradedMode,
    posture: org.posture === "deny_by_default" ? "deny_by_default" : "allow_by_default",
    ownerRelaxations: org.ownerRelaxations, redactPii: org.redactPii, inspection,
    killed: kills.some((k) => k.agent === ""),
    killedAgents: new Set(kills.filter((k) => k.agent !== "").map((k) => k.agent)),
    upstreams: ups,
    orgQuota: orgQuota ? toLimits(orgQuota) : null,
    agentQuotas: new Map(quotas.filter((q) => q.agent !== "").map((q) => [q.agent, toLimits(q)])),
    rules: { version: (ruleVersion?.version ?? 0) * 1_000_000 + org.configVersion, rules },
    customPolicy: custom ? new Uint8Array(custom.wasm) : null,
  };
}

/**
 * The org snapshot's probe: its configVersion, which every change a gateway caches bumps in the
 * change's own transaction (server/orgs/config-version.ts). One indexed read on a plain pg pool,
 * so the once-a-second check per org costs no Prisma query compilation on the request thread
 * (a full snapshot load is six queries, ~10 ms of that thread's time).
 */
export function orgVersionProbe(pool: pg.Pool): TProbe<string, OrgSnapshot | null> {
  return async (orgId, current) => {
    const { rows } = await pool.query<{ v: number }>(`SELECT "configVersion" AS v FROM "Organization" WHERE "id" = $1`, [orgId]);
    const version = rows[0] ? Number(rows[0].v) : null;
    return version === (current ? current.version : null);
  };
}

/** An API key's record in one plain query (same answer as loadKeyRecord, without Prisma). */
export async function loadKeyRecordSql(pool: pg.Pool, hash: string): Promise<KeyRecord | null> {
  const { rows } = await pool.query<{ id: string; orgId: string; expiresAtMs: number | null; revoked: boolean }>(
    `SELECT "id", "orgId", (EXTRACT(EPOCH FROM "expiresAt") * 1000)::float8 AS "expiresAtMs", ("revokedAt" IS NOT NULL) AS "revoked"
       FROM "ApiKey" WHERE "hash" = $1`,
    [hash],
  );
  const k = rows[0];
  if (!k) return null;
  return { id: k.id, orgId: k.orgId, expiresAt: k.expiresAtMs === null ? null : Math.round(Number(k.expiresAtMs)), revoked: k.revoked === true };
}

/** Sets lastUsedAt of these API keys (ids come from keys the gateway authenticated). */
export async function markKeysUsed(pool: pg.Pool, ids: string[], at: Date): Promise<void> {
  await pool.query(`UPDATE "ApiKey" SET "lastUsedAt" = ($1::timestamptz AT TIME ZONE 'UTC') WHERE "id" = ANY($2::text[])`, [at.toISOString(), ids]);
}

/** The same record through Prisma: the reference loadKeyRecordSql is tested against. */
export async function loadKeyRecord(db: Db, hash: string): Promise<KeyRecord | null> {
  // Looked up by its unique hash; the org comes from the key itself.
  const k = await db.apiKey.findUnique({ where: { hash }, select: { id: true, orgId: true, expiresAt: true, revokedAt: true } });
  if (!k) return null;
  return { id: k.id, orgId: k.orgId, expiresAt: k.expiresAt?.getTime() ?? null, revoked: !!k.revokedAt };
}
