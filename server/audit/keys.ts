/**
 * Per-org signing keys and the public key records published beside the audit trail.
 *
 * A key record carries a validity period instead of being deleted on rotation: an
 * event or tree head verifies against the key whose period contains its own time, so
 * rotating never invalidates history. Secret keys never appear in a record.
 */
import { z } from "zod";
import { sha256, toHex, fromHex } from "./bytes";
import { generateKeyPair, getPublicKey, PUBLIC_KEY_BYTES, SECRET_KEY_BYTES } from "./ed25519";
import { ZTimestamp } from "./timestamp";

export const KEY_ID_HEX_CHARS = 16;

export const ZKeyRecord = z.strictObject({
  org: z.string().min(1),
  key_id: z.string().regex(/^[0-9a-f]{16}$/),
  alg: z.literal("ed25519"),
  public_key: z.string().regex(/^[0-9a-f]{64}$/),
  valid_from: ZTimestamp,
  valid_until: ZTimestamp.nullable(),
});
export type TKeyRecord = z.infer<typeof ZKeyRecord>;

export type TSigningKey = {
  org: string;
  keyId: string;
  secretKey: Uint8Array;
  publicKey: Uint8Array;
};

/** Key id = first 16 hex chars of SHA-256(raw 32-byte public key). */
export function keyIdOf(publicKey: Uint8Array): string {
  return toHex(sha256(publicKey)).slice(0, KEY_ID_HEX_CHARS);
}

export function generateSigningKey(org: string): TSigningKey {
  const { secretKey, publicKey } = generateKeyPair();
  return { org, keyId: keyIdOf(publicKey), secretKey, publicKey };
}

/** Rebuilds a signing key from its stored 64-hex secret (the store encrypts it at rest). */
export function signingKeyFromSecretHex(org: string, secretHex: string): TSigningKey {
  const secretKey = fromHex(secretHex, SECRET_KEY_BYTES);
  const publicKey = getPublicKey(secretKey);
  return { org, keyId: keyIdOf(publicKey), secretKey, publicKey };
}

export function encodeSecretKey(key: TSigningKey): string {
  return toHex(key.secretKey);
}

export function toKeyRecord(key: TSigningKey, validFrom: string, validUntil: string | null = null): TKeyRecord {
  return ZKeyRecord.parse({
    org: key.org,
    key_id: key.keyId,
    alg: "ed25519",
    public_key: toHex(key.publicKey),
    valid_from: validFrom,
    valid_until: validUntil,
  });
}

/**
 * Publishes `next` from `at` on and closes every open record at the same instant,
 * so exactly one key is valid at any time.
 */
export function rotateKeyRecords(records: readonly TKeyRecord[], next: TSigningKey, at: string): TKeyRecord[] {
  if (records.some((r) => r.key_id === next.keyId)) throw new Error("key already published");
  const closed = records.map((r) => (r.valid_until === null ? { ...r, valid_until: at } : r));
  return [...closed, toKeyRecord(next, at)];
}

/** Problems with a key record that a schema cannot see; null when sound. */
export function keyRecordProblem(record: TKeyRecord): string | null {
  const publicKey = fromHex(record.public_key, PUBLIC_KEY_BYTES);
  if (keyIdOf(publicKey) !== record.key_id) return "key_id is not the SHA-256 prefix of public_key";
  if (record.valid_until !== null && record.valid_until <= record.valid_from) return "empty validity period";
  return null;
}

/** valid_from <= at < valid_until (open-ended when valid_until is null). */
export function isKeyValidAt(record: TKeyRecord, at: string): boolean {
  return record.valid_from <= at && (record.valid_until === null || at < record.valid_until);
}
