// Per-org Ed25519 keys for approval intents. Why Ed25519 over an HMAC derived
// from AUTH_SECRET: the gateway verifies with the public key only (no shared
// secret on the hot path), AUTH_SECRET is optional in the embedded default
// while the KEK always exists, and a tenant can verify an intent offline.
// The private key is envelope-encrypted with the KEK like upstream secrets; the
// AAD binds org and key id so a row copied to another org does not decrypt.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import type { Db } from "@/server/db/client";
import type { TKeyring } from "@/server/crypto/envelope";
import { forOrg } from "@/server/db/scoped";

export type TIntentSigner = { keyId: string; privateKey: KeyObject };
export type TIntentVerifier = { keyId: string; publicKey: KeyObject };

export const intentKeyAad = (orgId: string, keyId: string) => `org:${orgId}/intent-signing-key:${keyId}`;

const signers = new Map<string, TIntentSigner>();
const verifiers = new Map<string, { verifier: TIntentVerifier | null; loadedAt: number }>();
/** A token naming an unknown kid reloads the org's key at most this often. */
const RELOAD_MS = 5_000;

/** The org's signer, created on first use. Concurrent first uses race on the primary key: one
 * insert wins and everybody reads that row back. */
export async function getIntentSigner(db: Db, keyring: TKeyring, orgId: string): Promise<TIntentSigner> {
  const cached = signers.get(orgId);
  if (cached) return cached;
  const sdb = forOrg(db, orgId);
  let row = await sdb.intentKey.findFirst();
  if (!row) {
    const { publicKey, privateKey } = generateKeyPairSync("ed25519");
    const keyId = `ik_${randomBytes(8).toString("hex")}`;
    const pkcs8 = privateKey.export({ type: "pkcs8", format: "der" }).toString("base64");
    const spki = publicKey.export({ type: "spki", format: "der" }).toString("base64");
    await sdb.intentKey.createMany({
      data: [{ orgId, keyId, publicKey: spki, secretCipher: keyring.encrypt(pkcs8, intentKeyAad(orgId, keyId)) }],
      skipDuplicates: true,
    });
    row = await sdb.intentKey.findFirst();
    if (!row) throw new Error(`intent key of org ${orgId} vanished`);
  }
  const der = Buffer.from(keyring.decrypt(row.secretCipher, intentKeyAad(orgId, row.keyId)), "base64");
  const signer = { keyId: row.keyId, privateKey: createPrivateKey({ key: der, format: "der", type: "pkcs8" }) };
  signers.set(orgId, signer);
  return signer;
}

/** The org's public key for `keyId`, or null when the org has no such key. */
export async function getIntentVerifier(db: Db, orgId: string, keyId: string, now: number): Promise<TIntentVerifier | null> {
  const hit = verifiers.get(orgId);
  if (hit?.verifier?.keyId === keyId) return hit.verifier;
  if (hit?.verifier && now - hit.loadedAt < RELOAD_MS) return null;
  const row = await forOrg(db, orgId).intentKey.findFirst();
  const verifier = row ? { keyId: row.keyId, publicKey: createPublicKey({ key: Buffer.from(row.publicKey, "base64"), format: "der", type: "spki" }) } : null;
  if (verifiers.size > 10_000) verifiers.clear();
  verifiers.set(orgId, { verifier, loadedAt: now });
  return verifier?.keyId === keyId ? verifier : null;
}
