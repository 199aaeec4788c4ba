/**
 * Signed tree heads: the org key's commitment to the first tree_size events.
 *
 * head_hash = SHA-256(UTF-8(JCS(body))) and the signature is Ed25519 over those 32
 * bytes, exactly like events. Heads chain through prev_head_hash, so deleting or
 * rewriting a published head is visible from the next one, and tree_size never
 * shrinks (an append-only log cannot forget).
 */
import { z } from "zod";
import { sha256, toHex, fromHex, ZERO_HASH_HEX } from "./bytes";
import { canonicalBytes } from "./jcs";
import { verifyEd25519, SIGNATURE_BYTES } from "./ed25519";
import type { TAuditSigner } from "./event";
import { ZTimestamp } from "./timestamp";

const ZHashHex = z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex chars");

export const ZTreeHeadBody = z.strictObject({
  org: z.string().min(1).max(512),
  tree_size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  root_hash: ZHashHex,
  timestamp: ZTimestamp,
  prev_head_hash: ZHashHex,
});
export type TTreeHeadBody = z.infer<typeof ZTreeHeadBody>;

export type TSignedTreeHead = {
  tree_head: TTreeHeadBody;
  hash: string;
  key_id: string;
  signature: string;
};

export function hashTreeHead(body: TTreeHeadBody): Buffer {
  return sha256(canonicalBytes(body));
}

/**
 * Builds and signs the next head. `prev` is the org's latest head (null for the first),
 * and `rootHash` must be the RFC 6962 root of the first `treeSize` events.
 */
export function signTreeHead(
  input: { org: string; treeSize: number; rootHash: string; timestamp: string; prev: TSignedTreeHead | null },
  signer: TAuditSigner,
): TSignedTreeHead {
  const { org, treeSize, rootHash, timestamp, prev } = input;
  if (prev) {
    const problem = chainProblem(prev.tree_head, prev.hash, { org, tree_size: treeSize, timestamp });
    if (problem) throw new Error(problem);
  }
  const body = ZTreeHeadBody.parse({
    org,
    tree_size: treeSize,
    root_hash: rootHash,
    timestamp,
    prev_head_hash: prev ? prev.hash : ZERO_HASH_HEX,
  });
  const hash = hashTreeHead(body);
  return { tree_head: body, hash: toHex(hash), key_id: signer.keyId, signature: toHex(signer.sign(hash)) };
}

/** Recomputes the head hash and checks the signature; false on any malformed field. */
export function verifyTreeHeadSignature(head: TSignedTreeHead, publicKey: Uint8Array): boolean {
  try {
    const hash = hashTreeHead(head.tree_head);
    if (toHex(hash) !== head.hash) return false;
    return verifyEd25519(fromHex(head.signature, SIGNATURE_BYTES), hash, publicKey);
  } catch {
    return false;
  }
}

/** Why `next` cannot follow the head `prev` (whose hash is prevHash); null when it can. */
export function chainProblem(
  prev: TTreeHeadBody,
  prevHash: string,
  next: Pick<TTreeHeadBody, "org" | "tree_size" | "timestamp"> & { prev_head_hash?: string },
): string | null {
  if (next.org !== prev.org) return "tree head org differs from the previous head";
  if (next.tree_size < prev.tree_size) return `tree_size shrank from ${prev.tree_size} to ${next.tree_size}`;
  if (next.timestamp < prev.timestamp) return "tree head timestamp is earlier than the previous head";
  if (next.prev_head_hash !== undefined && next.prev_head_hash !== prevHash) return "prev_head_hash does not match the previous tree head";
  return null;
}
