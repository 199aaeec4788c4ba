/**
 * The JSON Lines export: one self-describing record per line (docs/audit-format.md).
 *
 *   line 1        {"type":"header", ...}
 *   then          {"type":"key","key":{...}}                      every published key
 *   then          {"type":"event", ...} in seq order, each tree head {"type":"tree_head", ...}
 *                 placed right after the event whose seq equals its tree_size
 *
 * Placing heads at their tree size lets a verifier check every root with one streaming
 * pass and O(log n) memory. Lines are written in JCS form so exports are reproducible.
 */
import { canonicalize } from "./jcs";
import type { TKeyRecord } from "./keys";
import type { TSignedAuditEvent } from "./event";
import type { TSignedTreeHead } from "./tree-head";

export const EXPORT_FORMAT = "aegis.audit.export";
export const EXPORT_VERSION = 1;

export type TExportHeader = { type: "header"; format: typeof EXPORT_FORMAT; version: typeof EXPORT_VERSION; org: string; exported_at: string };
export type TKeyLine = { type: "key"; key: TKeyRecord };
export type TEventLine = { type: "event" } & TSignedAuditEvent;
export type TTreeHeadLine = { type: "tree_head" } & TSignedTreeHead;

export type TExportInput = {
  org: string;
  exportedAt: string;
  keys: readonly TKeyRecord[];
  /** All events of the org from seq 1, in seq order. */
  events: Iterable<TSignedAuditEvent>;
  /** The org's tree heads in chain order. */
  treeHeads: readonly TSignedTreeHead[];
};

/** Yields export lines (without newlines); streams events so 1M rows need not be in memory twice. */
export function* exportLines(input: TExportInput): Generator<string> {
  const header: TExportHeader = { type: "header", format: EXPORT_FORMAT, version: EXPORT_VERSION, org: input.org, exported_at: input.exportedAt };
  yield canonicalize(header);
  for (const key of input.keys) yield canonicalize({ type: "key", key } satisfies TKeyLine);

  let headIndex = 0;
  const headsAt = function* (size: number): Generator<string> {
    for (let h = input.treeHeads[headIndex]; h && h.tree_head.tree_size === size; h = input.treeHeads[++headIndex]) {
      yield canonicalize({ type: "tree_head", ...h } satisfies TTreeHeadLine);
    }
  };
  yield* headsAt(0);
  let seq = 0;
  for (const signed of input.events) {
    seq++;
    if (signed.event.seq !== seq) throw new Error(`export needs gapless events: expected seq ${seq}, got ${signed.event.seq}`);
    yield canonicalize({ type: "event", ...signed } satisfies TEventLine);
    yield* headsAt(seq);
  }
  if (headIndex < input.treeHeads.length) throw new Error("a tree head is larger than the exported events or out of order");
}

/** The whole export as one string (one record per line, trailing newline). */
export function serializeExport(input: TExportInput): string {
  let out = "";
  for (const line of exportLines(input)) out += line + "\n";
  return out;
}
