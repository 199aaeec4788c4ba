/**
 * The JSON Lines export: one self-describing record per line (docs/audit-format.md).
 *
 *   line 1        {"type":"header", ...}                          version 1, or 2 with an anchor
 *   then          {"type":"key","key":{...}}                      every published key
 *   (version 2)   {"type":"anchor", ...}                          the omitted prefix seq 1..a-1
 *   then          {"type":"event", ...} in seq order, each tree head {"type":"tree_head", ...}
 *                 placed right after the event whose seq equals its tree_size
 *
 * Placing heads at their tree size lets a verifier check every root with one streaming
 * pass and O(log n) memory. A range export starting at seq a > 1 carries an anchor (the
 * prefix's size, last hash and Merkle compact range) so the same pass still recomputes
 * every signed root. Lines are written in JCS form so exports are reproducible.
 */
import { canonicalize } from "./jcs";
import { toHex } from "./bytes";
import { MerkleAccumulator, leafHash } from "./merkle";
import type { TKeyRecord } from "./keys";
import type { TSignedAuditEvent } from "./event";
import type { TSignedTreeHead } from "./tree-head";

export const EXPORT_FORMAT = "aegis.audit.export";
/** Complete exports (from seq 1). Unchanged since the first release. */
export const EXPORT_VERSION = 1;
/** Range exports: version 1 plus exactly one anchor line before the first event or head. */
export const RANGE_EXPORT_VERSION = 2;
export type TExportVersion = typeof EXPORT_VERSION | typeof RANGE_EXPORT_VERSION;

export type TExportHeader = { type: "header"; format: typeof EXPORT_FORMAT; version: TExportVersion; org: string; exported_at: string };
export type TKeyLine = { type: "key"; key: TKeyRecord };
/** The omitted prefix seq 1..tree_size: its last event hash and its compact range. */
export type TAnchorLine = { type: "anchor"; tree_size: number; prev_hash: string; frontier: string[] };
export type TEventLine = { type: "event" } & TSignedAuditEvent;
export type TTreeHeadLine = { type: "tree_head" } & TSignedTreeHead;
export type TExportAnchor = Omit<TAnchorLine, "type">;

export type TExportInput = {
  org: string;
  exportedAt: string;
  keys: readonly TKeyRecord[];
  /** All events of the org from seq 1, in seq order (with fromSeq, the earlier ones only feed the anchor). */
  events: Iterable<TSignedAuditEvent>;
  /** The org's tree heads in chain order. */
  treeHeads: readonly TSignedTreeHead[];
  /** Export only seq >= fromSeq (a version 2 range export when > 1). */
  fromSeq?: number;
};

export const headerLine = (org: string, exportedAt: string, anchored: boolean): string =>
  canonicalize({ type: "header", format: EXPORT_FORMAT, version: anchored ? RANGE_EXPORT_VERSION : EXPORT_VERSION, org, exported_at: exportedAt } satisfies TExportHeader);

export const anchorLine = (anchor: TExportAnchor): string => canonicalize({ type: "anchor", ...anchor } satisfies TAnchorLine);

/**
 * Yields export lines (without newlines); streams events so 1M rows need not be in memory
 * twice. The reference writer for tests and docs; the CLI streams from PostgreSQL
 * (export-db.ts) and builds the anchor from stored chunk roots instead of every leaf.
 */
export function* exportLines(input: TExportInput): Generator<string> {
  const fromSeq = input.fromSeq ?? 1;
  const prefix = new MerkleAccumulator();
  let prevHash = "";
  let headIndex = 0;
  const headsAt = function* (size: number): Generator<string> {
    for (let h = input.treeHeads[headIndex]; h && h.tree_head.tree_size <= size; h = input.treeHeads[++headIndex]) {
      if (h.tree_head.tree_size === size) yield canonicalize({ type: "tree_head", ...h } satisfies TTreeHeadLine);
      // Heads below the anchor describe the omitted prefix; any other skipped head is misplaced.
      else if (h.tree_head.tree_size >= fromSeq - 1) throw new Error("tree heads out of order");
    }
  };
  const opening = function* (): Generator<string> {
    yield headerLine(input.org, input.exportedAt, fromSeq > 1);
    for (const key of input.keys) yield canonicalize({ type: "key", key } satisfies TKeyLine);
    if (fromSeq > 1) yield anchorLine({ tree_size: fromSeq - 1, prev_hash: prevHash, frontier: prefix.frontier().map(toHex) });
    yield* headsAt(fromSeq - 1);
  };
  let seq = 0;
  if (fromSeq === 1) yield* opening();
  for (const signed of input.events) {
    seq++;
    if (signed.event.seq !== seq) throw new Error(`export needs gapless events: expected seq ${seq}, got ${signed.event.seq}`);
    if (seq < fromSeq) {
      prefix.appendLeafHash(leafHash(Buffer.from(signed.hash, "hex")));
      prevHash = signed.hash;
      if (seq === fromSeq - 1) yield* opening();
      continue;
    }
    yield canonicalize({ type: "event", ...signed } satisfies TEventLine);
    yield* headsAt(seq);
  }
  if (seq < fromSeq - 1) throw new Error(`fromSeq ${fromSeq} is more than one past the last event (${seq})`);
  if (headIndex < input.treeHeads.length) throw new Error("a tree head is larger than the exported events or out of order");
}

/** The whole export as one string (one record per line, trailing newline). */
export function serializeExport(input: TExportInput): string {
  let out = "";
  for (const line of exportLines(input)) out += line + "\n";
  return out;
}
