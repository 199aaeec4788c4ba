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
import { isoOf, utc, type TSql } from "./sql";
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
  const key = generateSigningKey(orgId);
  const validFrom = new Date();
  await sql.query(
    `INSERT INTO "SigningKey" ("id", "orgId", "keyId", "publicKey", "secretCipher", "validFrom") VALUES ($1, $2, $3, $4, $5, ${utc("$6")})`,
    [newId("sk"), orgId, key.keyId, toHex(key.publicKey), kek.encrypt(encodeSecretKey(key), signingKeyAad(orgId, key.keyId)), validFrom.toISOString()],
  );
  return remember({ key, validFrom });
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
