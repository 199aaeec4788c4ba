/**
 * Fast path for event lines written by exportLines (JCS layout):
 *
 *   {"event":<body>,"hash":"<64 hex>","key_id":"<16 hex>","signature":"<128 hex>","type":"event"}
 *
 * In that layout <body> is byte-for-byte the canonical body the signer hashed, so the
 * verifier hashes the raw substring instead of re-canonicalizing (the dominant cost at
 * 1M events). This is sound because a match is only accepted as "the hash": that hash
 * must still be authenticated by the event signature or by a signed tree head, and
 * SHA-256 is collision resistant, so matching bytes are the signer's canonical bytes.
 * Anything unexpected returns null and the line takes the general, exact path.
 */
import { hash } from "node:crypto";

const PREFIX = '{"event":';
// The suffix has fixed offsets; literal checks at known positions beat a capturing regex.
const HASH_AT = ',"hash":"'.length;
const KEY_LIT_AT = HASH_AT + 64;
const KEY_AT = KEY_LIT_AT + '","key_id":"'.length;
const SIG_LIT_AT = KEY_AT + 16;
const SIG_AT = SIG_LIT_AT + '","signature":"'.length;
const TYPE_AT = SIG_AT + 128;
const SUFFIX_LENGTH = TYPE_AT + '","type":"event"}'.length;
const KEY_ID_RE = /^[0-9a-f]{16}$/;
const SIGNATURE_RE = /^[0-9a-f]{128}$/;
const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Only the fields the verifier relies on; the signer validated the full schema. */
export type TFastEvent = {
  body: { org: string; seq: number; ts: string; prev_hash: string };
  hash: string;
  keyId: string;
  signature: string;
};

export function isFastPathCandidate(line: string): boolean {
  return line.startsWith(PREFIX) && line.length > PREFIX.length + SUFFIX_LENGTH;
}

export function parseEventLineFast(line: string): TFastEvent | null {
  if (!isFastPathCandidate(line)) return null;
  const at = line.length - SUFFIX_LENGTH;
  if (
    !line.startsWith(',"hash":"', at) ||
    !line.startsWith('","key_id":"', at + KEY_LIT_AT) ||
    !line.startsWith('","signature":"', at + SIG_LIT_AT) ||
    !line.endsWith('","type":"event"}')
  ) {
    return null;
  }
  const raw = line.slice(PREFIX.length, at);
  // Equality with a freshly computed digest also proves the field is 64 lowercase hex.
  const hashHex = line.slice(at + HASH_AT, at + KEY_LIT_AT);
  if (hash("sha256", raw, "hex") !== hashHex) return null;
  const keyId = line.slice(at + KEY_AT, at + SIG_LIT_AT);
  const signature = line.slice(at + SIG_AT, at + TYPE_AT);
  if (!KEY_ID_RE.test(keyId) || !SIGNATURE_RE.test(signature)) return null;
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof body !== "object" || body === null) return null;
  const { org, seq, ts, prev_hash: prevHash } = body as Record<string, unknown>;
  if (typeof org !== "string" || typeof ts !== "string" || typeof prevHash !== "string") return null;
  if (!Number.isSafeInteger(seq) || typeof seq !== "number" || !TIMESTAMP_RE.test(ts)) return null;
  return { body: { org, seq, ts, prev_hash: prevHash }, hash: hashHex, keyId, signature };
}
