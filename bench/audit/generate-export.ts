/**
 * Writes an N-event export to a file the way the appender + exporter would: seal each
 * event (JCS, SHA-256, Ed25519), chain it, fold it into the Merkle state and sign a tree
 * head every HEAD_EVERY events. Streaming, so 1M events never sit in memory.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { ZERO_HASH_HEX, fromHex, toHex } from "@/server/audit/bytes";
import { createLocalSigner, sealEvent } from "@/server/audit/event";
import { EXPORT_FORMAT, EXPORT_VERSION } from "@/server/audit/export";
import { canonicalize } from "@/server/audit/jcs";
import { generateSigningKey, rotateKeyRecords, toKeyRecord } from "@/server/audit/keys";
import { MerkleAccumulator, leafHash } from "@/server/audit/merkle";
import { sampleEventBody } from "@/server/audit/sample-log";
import { signTreeHead, type TSignedTreeHead } from "@/server/audit/tree-head";

export const HEAD_EVERY = 1000;

export async function generateExport(path: string, events: number): Promise<void> {
  const org = "org_bench";
  const first = generateSigningKey(org);
  const second = generateSigningKey(org);
  const rotateAt = Math.floor(events / 2) + 1;
  // Key records are known up front: rotation at the middle event's timestamp.
  const keys = rotateKeyRecords([toKeyRecord(first, "2025-01-01T00:00:00.000Z")], second, sampleEventBody(org, rotateAt, ZERO_HASH_HEX).ts);
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(line + "\n")) await once(out, "drain");
  };
  await write(canonicalize({ type: "header", format: EXPORT_FORMAT, version: EXPORT_VERSION, org, exported_at: "2025-06-01T00:00:00.000Z" }));
  for (const key of keys) await write(canonicalize({ type: "key", key }));
  const merkle = new MerkleAccumulator();
  let signer = createLocalSigner(first);
  let prevHash = ZERO_HASH_HEX;
  let head: TSignedTreeHead | null = null;
  for (let seq = 1; seq <= events; seq++) {
    if (seq === rotateAt) signer = createLocalSigner(second);
    const signed = sealEvent(sampleEventBody(org, seq, prevHash), signer);
    prevHash = signed.hash;
    merkle.appendLeafHash(leafHash(fromHex(signed.hash)));
    await write(canonicalize({ type: "event", ...signed }));
    if (seq % HEAD_EVERY === 0 || seq === events) {
      head = signTreeHead({ org, treeSize: seq, rootHash: toHex(merkle.root()), timestamp: signed.event.ts, prev: head }, signer);
      await write(canonicalize({ type: "tree_head", ...head }));
    }
  }
  out.end();
  await once(out, "finish");
}
