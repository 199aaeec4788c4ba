// Envelope encryption for upstream secrets (AES-256-GCM, two layers).
//
// Each secret gets its own random 32-byte data key (DEK). The DEK encrypts the plaintext; a
// key-encryption key (KEK), named by a kid, wraps the DEK. Rotating the KEK therefore only
// re-wraps 60 bytes per row (`rewrap`), never touches the ciphertext, and never needs the AAD.
//
// Blob format (all binary parts base64url, so "." is a safe separator):
//   v1.<kid>.<wrapped dek: iv(12)|ct(32)|tag(16)>.<iv(12)>.<ciphertext|tag(16)>
//
// Invariants:
// - The caller's AAD (e.g. `org:<id>/upstream:<id>`) authenticates the data layer, so a blob
//   copied to another row fails to decrypt there.
// - The wrap layer authenticates "v1" + kid, so a blob whose kid was edited fails to unwrap.
// - Errors never include key material or plaintext.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const KID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export type TKek = { kid: string; key: Buffer };

export type TKeyring = {
  encrypt(plaintext: string, aad?: string): string;
  decrypt(blob: string, aad?: string): string;
  /** True when the blob is wrapped by a KEK other than the current one. */
  needsRewrap(blob: string): boolean;
  /** Re-wraps the data key under the current KEK; the ciphertext is unchanged. */
  rewrap(blob: string): string;
  readonly currentKid: string;
};

export class EnvelopeError extends Error {
  constructor(
    readonly reason: "malformed" | "unknown_kid" | "auth_failed" | "invalid_key",
    message: string,
  ) {
    super(message);
    this.name = "EnvelopeError";
  }
}

type TParsedBlob = { kid: string; wrappedDek: Buffer; iv: Buffer; sealed: Buffer };

function seal(key: Buffer, plaintext: Buffer, aad: Buffer): { iv: Buffer; sealed: Buffer } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, sealed: Buffer.concat([body, cipher.getAuthTag()]) };
}

function open(key: Buffer, iv: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  if (iv.length !== IV_BYTES || sealed.length < TAG_BYTES) {
    throw new EnvelopeError("malformed", "envelope: bad iv or ciphertext length");
  }
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new EnvelopeError("auth_failed", "envelope: authentication failed (tampered blob, wrong key or wrong aad)");
  }
}

const wrapAad = (kid: string) => Buffer.from(`aegis-envelope:${VERSION}:wrap:${kid}`, "utf8");
const dataAad = (aad: string | undefined) => Buffer.from(`aegis-envelope:${VERSION}:data:${aad ?? ""}`, "utf8");

function parseBlob(blob: string): TParsedBlob {
  const parts = blob.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION) {
    throw new EnvelopeError("malformed", "envelope: unrecognized blob format");
  }
  const [, kid = "", wrapped = "", iv = "", sealed = ""] = parts;
  if (!KID_PATTERN.test(kid)) throw new EnvelopeError("malformed", "envelope: bad kid");
  const wrappedDek = Buffer.from(wrapped, "base64url");
  if (wrappedDek.length !== IV_BYTES + KEY_BYTES + TAG_BYTES) {
    throw new EnvelopeError("malformed", "envelope: bad wrapped key length");
  }
  return { kid, wrappedDek, iv: Buffer.from(iv, "base64url"), sealed: Buffer.from(sealed, "base64url") };
}

function formatBlob(p: TParsedBlob): string {
  return [VERSION, p.kid, p.wrappedDek.toString("base64url"), p.iv.toString("base64url"), p.sealed.toString("base64url")].join(".");
}

function assertKek(k: TKek): void {
  if (!KID_PATTERN.test(k.kid)) throw new EnvelopeError("invalid_key", `envelope: kid must match ${KID_PATTERN}`);
  if (k.key.length !== KEY_BYTES) throw new EnvelopeError("invalid_key", `envelope: KEK ${k.kid} must be 32 bytes`);
}

export function createKeyring(config: { current: TKek; previous?: TKek[] }): TKeyring {
  const keks = new Map<string, Buffer>();
  for (const k of [config.current, ...(config.previous ?? [])]) {
    assertKek(k);
    if (keks.has(k.kid)) throw new EnvelopeError("invalid_key", `envelope: duplicate kid ${k.kid}`);
    keks.set(k.kid, k.key);
  }
  const current = config.current;

  function unwrapDek(p: TParsedBlob): Buffer {
    const kek = keks.get(p.kid);
    if (!kek) throw new EnvelopeError("unknown_kid", `envelope: no key for kid ${p.kid}`);
    const iv = p.wrappedDek.subarray(0, IV_BYTES);
    return open(kek, iv, p.wrappedDek.subarray(IV_BYTES), wrapAad(p.kid));
  }

  function wrapDek(dek: Buffer): Buffer {
    const { iv, sealed } = seal(current.key, dek, wrapAad(current.kid));
    return Buffer.concat([iv, sealed]);
  }

  return {
    currentKid: current.kid,
    encrypt(plaintext, aad) {
      const dek = randomBytes(KEY_BYTES);
      try {
        const { iv, sealed } = seal(dek, Buffer.from(plaintext, "utf8"), dataAad(aad));
        return formatBlob({ kid: current.kid, wrappedDek: wrapDek(dek), iv, sealed });
      } finally {
        dek.fill(0);
      }
    },
    decrypt(blob, aad) {
      const p = parseBlob(blob);
      const dek = unwrapDek(p);
      try {
        return open(dek, p.iv, p.sealed, dataAad(aad)).toString("utf8");
      } finally {
        dek.fill(0);
      }
    },
    needsRewrap(blob) {
      return parseBlob(blob).kid !== current.kid;
    },
    rewrap(blob) {
      const p = parseBlob(blob);
      if (p.kid === current.kid) return blob;
      const dek = unwrapDek(p);
      try {
        return formatBlob({ ...p, kid: current.kid, wrappedDek: wrapDek(dek) });
      } finally {
        dek.fill(0);
      }
    },
  };
}

/** Parses a KEK from configuration: 32 bytes as base64 (44 chars) or hex (64 chars). */
export function parseKekMaterial(kid: string, material: string): TKek {
  const trimmed = material.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  const kek = { kid, key };
  assertKek(kek);
  return kek;
}
