/**
 * The audit event body: what is hashed, chained and signed.
 *
 * event_hash = SHA-256(UTF-8(JCS(body))); the signature is Ed25519 over those 32 raw
 * bytes. prev_hash links each event to the previous one of the same org, and seq is
 * gapless from 1, so a dropped, inserted or reordered event breaks the chain at a
 * named seq. All numbers are safe integers (see jcs.ts for why).
 */
import { z } from "zod";
import { sha256, toHex, fromHex, HASH_BYTES, ZERO_HASH_HEX } from "./bytes";
import { canonicalBytes } from "./jcs";
import { signEd25519, signNativeAsync, verifyEd25519, SIGNATURE_BYTES } from "./ed25519";
import { ZTimestamp } from "./timestamp";

const ZHashHex = z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex chars");
const ZIdent = z.string().min(1).max(512);
const ZCount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const ZFindingsSummary = z.strictObject({
  count: ZCount,
  types: z.array(ZIdent),
  max_severity: z.enum(["low", "medium", "high", "critical"]).nullable(),
});

const baseShape = {
  org: ZIdent,
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  ts: ZTimestamp,
  request_id: ZIdent,
  agent: ZIdent.nullable(),
  decision: z.string().regex(/^[A-Z][A-Z_]*$/, "must be an upper-case decision name"),
  stage: ZIdent.nullable(),
  rule_ids: z.array(ZIdent),
  findings: ZFindingsSummary,
  latency_us: ZCount,
  prev_hash: ZHashHex,
};

/** Exactly one of upstream (a proxied request) or action (a control-plane change). */
export const ZAuditEventBody = z.union([
  z.strictObject({ ...baseShape, upstream: ZIdent }),
  z.strictObject({ ...baseShape, action: ZIdent }),
]);
export type TAuditEventBody = z.infer<typeof ZAuditEventBody>;

/** Anything that can sign a 32-byte hash; a KMS-backed signer can replace the local one. */
export type TAuditSigner = {
  keyId: string;
  sign(hash: Uint8Array): Uint8Array;
  /** Optional off-thread signing, used by sealEventChain to sign a batch in parallel. */
  signAsync?(hash: Uint8Array): Promise<Uint8Array>;
};

export function createLocalSigner(key: { keyId: string; secretKey: Uint8Array }): TAuditSigner {
  const { keyId, secretKey } = key;
  return { keyId, sign: (hash) => signEd25519(hash, secretKey), signAsync: (hash) => signNativeAsync(hash, secretKey) };
}

/** An event as stored and exported: body plus hash, signature and key id (hex). */
export type TSignedAuditEvent = {
  event: TAuditEventBody;
  hash: string;
  key_id: string;
  signature: string;
};

export function hashEvent(body: TAuditEventBody): Buffer {
  return sha256(canonicalBytes(body));
}

export function signEventHash(hash: Uint8Array, signer: TAuditSigner): Uint8Array {
  if (hash.length !== HASH_BYTES) throw new Error("event hash must be 32 bytes");
  return signer.sign(hash);
}

export function verifyEventSignature(hash: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  return hash.length === HASH_BYTES && signature.length === SIGNATURE_BYTES && verifyEd25519(signature, hash, publicKey);
}

/**
 * Validates, hashes and signs one body. The caller (the appender) owns seq and
 * prev_hash: it must pass the previous event's hash, or ZERO_HASH_HEX for seq 1.
 */
export function sealEvent(body: TAuditEventBody, signer: TAuditSigner): TSignedAuditEvent {
  const event = ZAuditEventBody.parse(body);
  if (event.seq === 1 && event.prev_hash !== ZERO_HASH_HEX) throw new Error("seq 1 must have the zero prev_hash");
  const hash = hashEvent(event);
  return { event, hash: toHex(hash), key_id: signer.keyId, signature: toHex(signEventHash(hash, signer)) };
}

/** An event body before chaining: sealEventChain fills in prev_hash. */
export type TAuditEventDraft = TAuditEventBody extends infer T ? (T extends unknown ? Omit<T, "prev_hash"> : never) : never;

/** Batches at least this large are signed in parallel on the libuv threadpool (when the signer can). */
export const PARALLEL_SIGN_MIN = 32;

/**
 * Seals a batch of consecutive events (the appender's group commit). Hashing must be
 * sequential because each prev_hash is the previous hash, but signatures only depend
 * on their own hash, so they run in parallel when the signer offers signAsync.
 */
export async function sealEventChain(drafts: readonly TAuditEventDraft[], prevHash: string, signer: TAuditSigner): Promise<TSignedAuditEvent[]> {
  const chained: { event: TAuditEventBody; hash: Buffer }[] = [];
  let prev = prevHash;
  for (const draft of drafts) {
    const event = ZAuditEventBody.parse({ ...draft, prev_hash: prev });
    if (event.seq === 1 && event.prev_hash !== ZERO_HASH_HEX) throw new Error("seq 1 must have the zero prev_hash");
    const hash = hashEvent(event);
    chained.push({ event, hash });
    prev = toHex(hash);
  }
  // A threadpool job costs a wake-up and a completion callback on top of the ~30 µs signature:
  // worth it when a large batch can use other cores, not for the small batches of light load.
  const parallel = signer.signAsync && chained.length >= PARALLEL_SIGN_MIN;
  const signatures = parallel
    ? await Promise.all(chained.map((c) => (signer.signAsync as (h: Uint8Array) => Promise<Uint8Array>)(c.hash)))
    : chained.map((c) => signer.sign(c.hash));
  return chained.map((c, i) => ({ event: c.event, hash: toHex(c.hash), key_id: signer.keyId, signature: toHex(signatures[i] as Uint8Array) }));
}

/** Re-derives the hash and checks the signature of a stored event against a public key. */
export function verifySignedEvent(signed: TSignedAuditEvent, publicKey: Uint8Array): boolean {
  const hash = hashEvent(signed.event);
  if (toHex(hash) !== signed.hash) return false;
  try {
    return verifyEventSignature(hash, fromHex(signed.signature, SIGNATURE_BYTES), publicKey);
  } catch {
    return false;
  }
}
