// Verifies a range of the org's signed audit chain in the browser, with no
// trust in the server beyond the public keys it returns: re-derives every
// event hash (SHA-256 of the RFC 8785 form), checks prev_hash links and gapless
// seq, that the signing key was valid at the event's ts, and the Ed25519
// signature (WebCrypto where the browser has it, @noble/ed25519 otherwise).
// Stops at the first broken event, like the export verifier (docs/audit-format.md §9).
import * as ed from "@noble/ed25519";
import { canonicalize } from "@/server/audit/jcs";

export type TKeyRecord = { org: string; key_id: string; alg: string; public_key: string; valid_from: string; valid_until: string | null };
export type TChainEvent = { event: { org: string; seq: number; ts: string; prev_hash: string } & Record<string, unknown>; hash: string; key_id: string | null; signature: string | null };
export type TChainInput = { fromSeq: number; anchorHash: string | null; keys: TKeyRecord[]; events: TChainEvent[] };

export type TChainFailureCode = "SEQ_GAP" | "SEQ_ORDER" | "PREV_HASH" | "HASH_MISMATCH" | "ORG_MISMATCH" | "UNKNOWN_KEY" | "KEY_NOT_VALID" | "BAD_SIGNATURE";
export type TChainResult =
  | { ok: true; checked: number; fromSeq: number; toSeq: number; lastHash: string | null; signatures: "webcrypto" | "noble" }
  | { ok: false; checked: number; seq: number; code: TChainFailureCode; reason: string };

export const ZERO_HASH = "0".repeat(64);

export function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/.test(hex)) throw new Error("not lowercase hex");
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

// Copies into a fresh ArrayBuffer-backed view, which is what WebCrypto's typings accept.
const buf = (b: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(b);

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", buf(bytes))));
}

type TVerifier = { kind: "webcrypto" | "noble"; verify(pub: Uint8Array, sig: Uint8Array, msg: Uint8Array): Promise<boolean> };

const nobleVerifier: TVerifier = { kind: "noble", verify: (pub, sig, msg) => ed.verifyAsync(sig, msg, pub, { zip215: false }).catch(() => false) };
let chosen: Promise<TVerifier> | null = null;

/** WebCrypto if the browser can import an Ed25519 key, else noble (strict RFC 8032 either way). */
function getVerifier(): Promise<TVerifier> {
  chosen ??= (async (): Promise<TVerifier> => {
    const cache = new Map<string, CryptoKey>();
    try {
      await crypto.subtle.importKey("raw", buf(new Uint8Array(32).fill(1)), { name: "Ed25519" }, false, ["verify"]);
    } catch {
      return nobleVerifier;
    }
    return {
      kind: "webcrypto",
      async verify(pub, sig, msg) {
        const id = toHex(pub);
        let key = cache.get(id);
        if (!key) {
          key = await crypto.subtle.importKey("raw", buf(pub), { name: "Ed25519" }, false, ["verify"]);
          cache.set(id, key);
        }
        return crypto.subtle.verify({ name: "Ed25519" }, key, buf(sig), buf(msg));
      },
    };
  })();
  return chosen;
}

/** Ed25519 over the 32 raw bytes of a hash (events and tree heads are signed the same way). */
export async function verifySignature(key: TKeyRecord, hashHex: string, signatureHex: string, forceNoble = false): Promise<boolean> {
  const verifier = forceNoble ? nobleVerifier : await getVerifier();
  try {
    return await verifier.verify(fromHex(key.public_key), fromHex(signatureHex), fromHex(hashHex));
  } catch {
    return false;
  }
}

export async function verifyChain(input: TChainInput, opts: { forceNoble?: boolean; onProgress?: (done: number) => void } = {}): Promise<TChainResult> {
  const kind = opts.forceNoble ? "noble" : (await getVerifier()).kind;
  const keys = new Map(input.keys.map((k) => [k.key_id, k]));
  const encoder = new TextEncoder();
  let expectedPrev: string | null = input.fromSeq === 1 ? ZERO_HASH : input.anchorHash;
  let org: string | null = null;
  let checked = 0;
  const fail = (seq: number, code: TChainFailureCode, reason: string): TChainResult => ({ ok: false, checked, seq, code, reason });

  for (const [i, rec] of input.events.entries()) {
    const e = rec.event;
    const expectedSeq = input.fromSeq + i;
    if (e.seq !== expectedSeq) {
      return e.seq > expectedSeq
        ? fail(expectedSeq, "SEQ_GAP", `events ${expectedSeq}..${e.seq - 1} are missing`)
        : fail(e.seq, "SEQ_ORDER", `seq ${e.seq} appears where ${expectedSeq} was expected (duplicate or reordered)`);
    }
    org ??= e.org;
    if (e.org !== org) return fail(e.seq, "ORG_MISMATCH", `event belongs to ${e.org}, not ${org}`);
    if (expectedPrev !== null && e.prev_hash !== expectedPrev) {
      return fail(e.seq, "PREV_HASH", `prev_hash ${e.prev_hash.slice(0, 12)}… does not match the previous event's hash ${expectedPrev.slice(0, 12)}…`);
    }
    const hash = await sha256Hex(encoder.encode(canonicalize(e)));
    if (hash !== rec.hash) return fail(e.seq, "HASH_MISMATCH", `recomputed hash ${hash.slice(0, 12)}… differs from the stored ${rec.hash.slice(0, 12)}…: the event was changed`);
    const key = rec.key_id ? keys.get(rec.key_id) : undefined;
    if (!key) return fail(e.seq, "UNKNOWN_KEY", `no published key ${rec.key_id || "(none)"}`);
    if (!(key.valid_from <= e.ts && (key.valid_until === null || e.ts < key.valid_until))) {
      return fail(e.seq, "KEY_NOT_VALID", `key ${key.key_id} was not valid at ${e.ts}`);
    }
    if (!rec.signature || !(await verifySignature(key, hash, rec.signature, opts.forceNoble))) return fail(e.seq, "BAD_SIGNATURE", `the Ed25519 signature does not verify with key ${key.key_id}`);
    expectedPrev = hash;
    checked++;
    if (checked % 500 === 0) opts.onProgress?.(checked);
  }
  const last = input.events[input.events.length - 1];
  return { ok: true, checked, fromSeq: input.fromSeq, toSeq: last ? last.event.seq : input.fromSeq - 1, lastHash: last?.hash ?? null, signatures: kind };
}
