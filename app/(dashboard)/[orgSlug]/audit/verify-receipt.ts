// Checks a receipt in the browser: the event hash is a leaf of the RFC 6962
// tree whose root the org key signed in the tree head (RFC 9162 §2.1.3.2).
import { canonicalize } from "@/server/audit/jcs";
import { fromHex, sha256Hex, verifyChain, verifySignature, type TChainEvent, type TKeyRecord } from "./verify-chain";

export type TReceipt = {
  event: TChainEvent;
  tree_head: { tree_head: { org: string; tree_size: number; root_hash: string; timestamp: string; prev_head_hash: string }; hash: string; key_id: string; signature: string };
  inclusion_proof: { leaf_index: number; tree_size: number; audit_path: string[]; root_hash: string };
};

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
};

export async function rootFromPath(eventHash: string, index: number, size: number, path: string[]): Promise<string | null> {
  if (index < 0 || index >= size) return null;
  let fn = index;
  let sn = size - 1;
  let r = await sha256Hex(concat(new Uint8Array([0]), fromHex(eventHash)));
  for (const p of path) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = await sha256Hex(concat(new Uint8Array([1]), fromHex(p), fromHex(r)));
      while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
    } else {
      r = await sha256Hex(concat(new Uint8Array([1]), fromHex(r), fromHex(p)));
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

export type TReceiptResult = { ok: true } | { ok: false; reason: string };

export async function verifyReceipt(receipt: TReceipt, keys: TKeyRecord[]): Promise<TReceiptResult> {
  // The event itself: hash and signature (a one-event chain without a link check).
  const one = await verifyChain({ fromSeq: receipt.event.event.seq, anchorHash: null, keys, events: [receipt.event] });
  if (!one.ok) return { ok: false, reason: `event: ${one.reason}` };
  const head = receipt.tree_head;
  const headHash = await sha256Hex(new TextEncoder().encode(canonicalize(head.tree_head)));
  if (headHash !== head.hash) return { ok: false, reason: "the tree head's hash does not match its body" };
  const key = keys.find((k) => k.key_id === head.key_id);
  if (!key) return { ok: false, reason: `no published key ${head.key_id} for the tree head` };
  if (!(await verifySignature(key, head.hash, head.signature))) return { ok: false, reason: "the tree head signature does not verify" };
  const proof = receipt.inclusion_proof;
  if (proof.tree_size !== head.tree_head.tree_size || proof.root_hash !== head.tree_head.root_hash) return { ok: false, reason: "the proof is not against this tree head" };
  const root = await rootFromPath(receipt.event.hash, proof.leaf_index, proof.tree_size, proof.audit_path);
  if (root !== head.tree_head.root_hash) return { ok: false, reason: "the inclusion proof does not lead to the signed root" };
  return { ok: true };
}
