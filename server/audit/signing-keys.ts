/**
 * Per-org Ed25519 signing keys in PostgreSQL (SigningKey rows), secrets
 * envelope-encrypted with the KEK and an AAD that binds the org and key id, so a
 * secret copied to another org's row does not decrypt there.
 *
 * Statements run on the caller's transaction (TSql: Prisma or pg) and name the org
 * explicitly. Keys are created and resolved only while the caller holds the org's AuditHead row
 * lock (lockAuditHead), which makes "create on first use" race-free across
 * processes: there is never more than one current key (validUntil IS NULL).
 * Decrypted keys are cached in memory by (org, key id); key ids never change meaning.
 */
import type { Db } from "@/server/db/client";
import type { TKeyring } from "@/server/crypto/envelope";
import { newId } from "@/server/db/ids";
import { forOrg } from "@/server/db/scoped";
import { ZERO_HASH_HEX, toHex } from "./bytes";
import { recordActivity } from "@/server/orgs/activity";
import { isoOf, prismaSql, utc, type TSql } from "./sql";
import {
  encodeSecretKey, generateSigningKey, signingKeyFromSecretHex,
  type TKeyRecord, type TSigningKey,
} from "./keys";

export type TOrgSigningKey = { key: TSigningKey; validFrom: Date };
export type TLockedHead = { seq: number; hash: string; currentKeyId: string | null };

const CACHE_LIMIT = 10_000;
const cache = new Map<string, TOrgSigningKey>();

export const signingKeyAad = (orgId: string, keyId: string) => `org:${orgId}/audit-signing-key:${keyId}`;

/**
 * Locks the org's chain head (creating it with seq 0 and the zero hash on first use)
 * and returns it with the current signing key id. Must run inside a transaction;
 * the lock is held until it ends, across every process sharing the database.
 */
export async function lockAuditHead(sql: TSql, orgId: string): Promise<TLockedHead> {
  await sql.query(`INSERT INTO "AuditHead" ("orgId", "seq", "hash", "updatedAt") VALUES ($1, 0, $2, now()) ON CONFLICT ("orgId") DO NOTHING`, [orgId, ZERO_HASH_HEX]);
  const rows = await sql.query<{ seq: bigint | string; hash: string; keyId: string | null }>(
    `SELECT h."seq", h."hash",
       (SELECT k."keyId" FROM "SigningKey" k WHERE k."orgId" = h."orgId" AND k."validUntil" IS NULL ORDER BY k."validFrom" DESC LIMIT 1) AS "keyId"
     FROM "AuditHead" h WHERE h."orgId" = $1 FOR UPDATE OF h`,
    [orgId],
  );
  const row = rows[0];
  if (!row) throw new Error(`audit head of org ${orgId} vanished`);
  return { seq: Number(row.seq), hash: row.hash, currentKeyId: row.keyId };
}

/** The org's current key given the id read under the head lock; creates one when there is none. */
export async function resolveSigningKey(sql: TSql, orgId: string, currentKeyId: string | null, kek: TKeyring): Promise<TOrgSigningKey> {
  if (currentKeyId) {
    const cached = cache.get(`${orgId}/${currentKeyId}`);
    if (cached) return cached;
    const rows = await sql.query<{ keyId: string; publicKey: string; secretCipher: string; validFrom: string }>(
      `SELECT "keyId", "publicKey", "secretCipher", ${isoOf(`"validFrom"`)} AS "validFrom" FROM "SigningKey" WHERE "orgId" = $1 AND "keyId" = $2`,
      [orgId, currentKeyId],
    );
    const row = rows[0];
    if (!row) throw new Error(`signing key ${currentKeyId} of org ${orgId} not found`);
    const key = signingKeyFromSecretHex(orgId, kek.decrypt(row.secretCipher, signingKeyAad(orgId, row.keyId)));
    if (key.keyId !== row.keyId || toHex(key.publicKey) !== row.publicKey) throw new Error(`signing key ${row.keyId} of org ${orgId} does not match its public key`);
    return remember({ key, validFrom: new Date(row.validFrom) });
  }
  return createSigningKey(sql, orgId, kek, new Date());
}

async function createSigningKey(sql: TSql, orgId: string, kek: TKeyring, validFrom: Date): Promise<TOrgSigningKey> {
  const key = generateSigningKey(orgId);
  await sql.query(
    `INSERT INTO "SigningKey" ("id", "orgId", "keyId", "publicKey", "secretCipher", "validFrom") VALUES ($1, $2, $3, $4, $5, ${utc("$6")})`,
    [newId("sk"), orgId, key.keyId, toHex(key.publicKey), kek.encrypt(encodeSecretKey(key), signingKeyAad(orgId, key.keyId)), validFrom.toISOString()],
  );
  return remember({ key, validFrom });
}

export type TKeyRotation = { org: string; retired_key_id: string | null; key_id: string; valid_from: string };

/**
 * Retires the org's current signing key and makes a new one current, under the chain head lock,
 * so no batch is being sealed meanwhile. The boundary is never earlier than the last sequenced
 * event (another process's clock may run ahead), so the old key's validity still covers every
 * event it signed; appenders that speculated on the old key find it retired and re-seal with the
 * new one. Old events stay verifiable: the retired key keeps its record with valid_until.
 */
export async function rotateSigningKey(db: Db, orgId: string, kek: TKeyring, actorId: string | null = null): Promise<TKeyRotation> {
  return forOrg(db, orgId).$transaction(async (tx) => {
    const sql = prismaSql(tx);
    const head = await lockAuditHead(sql, orgId);
    const last = await sql.query<{ ts: string | null }>(`SELECT "body"->>'ts' AS "ts" FROM "AuditEvent" WHERE "orgId" = $1 AND "seq" = $2`, [orgId, String(head.seq)]);
    const lastTs = last[0]?.ts ? Date.parse(last[0].ts) : 0;
    const at = new Date(Math.max(Date.now(), lastTs + 1));
    if (head.currentKeyId) {
      await sql.query(`UPDATE "SigningKey" SET "validUntil" = ${utc("$3")} WHERE "orgId" = $1 AND "keyId" = $2 AND "validUntil" IS NULL`, [orgId, head.currentKeyId, at.toISOString()]);
    }
    const next = await createSigningKey(sql, orgId, kek, at);
    await recordActivity(tx, { orgId, actorId, action: "audit.key_rotated", target: next.key.keyId, meta: { retired_key_id: head.currentKeyId } });
    return { org: orgId, retired_key_id: head.currentKeyId, key_id: next.key.keyId, valid_from: at.toISOString() };
  }, { timeout: 30_000, maxWait: 30_000 });
}

function remember(entry: TOrgSigningKey): TOrgSigningKey {
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(`${entry.key.org}/${entry.key.keyId}`, entry);
  return entry;
}

/** Every key the org ever had, as published key records (oldest first). */
export async function listKeyRecords(db: Db, orgId: string): Promise<TKeyRecord[]> {
  const rows = await forOrg(db, orgId).signingKey.findMany({ orderBy: { validFrom: "asc" } });
  return rows.map((r) => ({
    org: orgId,
    key_id: r.keyId,
    alg: "ed25519" as const,
    public_key: r.publicKey,
    valid_from: r.validFrom.toISOString(),
    valid_until: r.validUntil ? r.validUntil.toISOString() : null,
  }));
}
