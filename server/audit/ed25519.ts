/**
 * Standard RFC 8032 Ed25519 with two interchangeable backends.
 *
 * - noble: @noble/ed25519 (pure JS, audited); used for key generation and as the reference.
 * - native: node:crypto (OpenSSL) through cached KeyObjects; ~13x faster to sign and ~17x
 *   faster to verify on the bench machine (bench/results/audit.md), so the appender and the
 *   export verifier use it. Both produce byte-identical signatures (Ed25519 is deterministic),
 *   which the tests check against the RFC 8032 vectors.
 *
 * Verification is strict RFC 8032 in both (noble with zip215: false, as OpenSSL), so a
 * signature accepted here is accepted by any conforming verifier.
 */
import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify, hash, type KeyObject } from "node:crypto";
import * as ed from "@noble/ed25519";

// noble's sync API needs a sha512; node:crypto's is native and dependency-free.
ed.hashes.sha512 = (message: Uint8Array) => hash("sha512", message, "buffer");

export const PUBLIC_KEY_BYTES = 32;
export const SECRET_KEY_BYTES = 32;
export const SIGNATURE_BYTES = 64;

// DER prefixes that wrap a raw 32-byte key as PKCS#8 / SPKI for OpenSSL (RFC 8410).
const PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** A few keys per org are live at once; the cap only bounds memory across many orgs. */
const KEY_CACHE_LIMIT = 4096;
const keyCache = new Map<string, KeyObject>();

function cachedKey(kind: "secret" | "public", raw: Uint8Array): KeyObject {
  const id = kind + Buffer.from(raw).toString("base64");
  let key = keyCache.get(id);
  if (key) return key;
  const der = Buffer.concat([kind === "secret" ? PKCS8_PREFIX : SPKI_PREFIX, raw]);
  key =
    kind === "secret"
      ? createPrivateKey({ key: der, format: "der", type: "pkcs8" })
      : createPublicKey({ key: der, format: "der", type: "spki" });
  if (keyCache.size >= KEY_CACHE_LIMIT) {
    const oldest = keyCache.keys().next().value;
    if (oldest !== undefined) keyCache.delete(oldest);
  }
  keyCache.set(id, key);
  return key;
}

function assertLength(bytes: Uint8Array, length: number, what: string): void {
  if (bytes.length !== length) throw new Error(`${what} must be ${length} bytes, got ${bytes.length}`);
}

/** A fresh 32-byte secret key (RFC 8032 "private key" seed) and its public key. */
export function generateKeyPair(): { secretKey: Uint8Array; publicKey: Uint8Array } {
  const { secretKey, publicKey } = ed.keygen();
  return { secretKey, publicKey };
}

export function getPublicKey(secretKey: Uint8Array): Uint8Array {
  assertLength(secretKey, SECRET_KEY_BYTES, "secret key");
  return ed.getPublicKey(secretKey);
}

export function signNative(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  assertLength(secretKey, SECRET_KEY_BYTES, "secret key");
  return nodeSign(null, message, cachedKey("secret", secretKey));
}

export function verifyNative(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== SIGNATURE_BYTES || publicKey.length !== PUBLIC_KEY_BYTES) return false;
  try {
    return nodeVerify(null, message, cachedKey("public", publicKey), signature);
  } catch {
    // An invalid point encoding fails key import; that is a bad key, not a crash.
    return false;
  }
}

/** Signs on the libuv threadpool, so a batch of signatures uses several cores. */
export function signNativeAsync(message: Uint8Array, secretKey: Uint8Array): Promise<Uint8Array> {
  assertLength(secretKey, SECRET_KEY_BYTES, "secret key");
  const key = cachedKey("secret", secretKey);
  return new Promise((resolve, reject) => nodeSign(null, message, key, (error, signature) => (error ? reject(error) : resolve(signature))));
}

/**
 * Same check on the libuv threadpool (crypto.verify with a callback), so a verifier can
 * keep several cores busy; size the pool with UV_THREADPOOL_SIZE.
 */
export function verifyNativeAsync(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): Promise<boolean> {
  if (signature.length !== SIGNATURE_BYTES || publicKey.length !== PUBLIC_KEY_BYTES) return Promise.resolve(false);
  let key: KeyObject;
  try {
    key = cachedKey("public", publicKey);
  } catch {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => nodeVerify(null, message, key, signature, (error, ok) => resolve(!error && ok)));
}

export function signNoble(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  assertLength(secretKey, SECRET_KEY_BYTES, "secret key");
  return ed.sign(message, secretKey);
}

export function verifyNoble(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== SIGNATURE_BYTES || publicKey.length !== PUBLIC_KEY_BYTES) return false;
  try {
    return ed.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/** The backends the audit core uses; see the header for why native. */
export const signEd25519 = signNative;
export const verifyEd25519 = verifyNative;
