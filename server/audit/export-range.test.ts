/**
 * Range exports (format version 2): an anchor for the omitted prefix seq 1..a-1, then
 * the events from seq a. Every tampering names its first broken line, in both modes.
 */
import { describe, expect, it } from "vitest";
import { toHex } from "./bytes";
import { hashEvent, type TAuditEventBody } from "./event";
import { exportLines } from "./export";
import { verifyExport, type TVerifyOptions } from "./export-verify";
import { canonicalize } from "./jcs";
import { verifyIndependently } from "./testing/independent-verifier";
import { buildSampleLog, type TSampleLog } from "./sample-log";

// 25 events, heads at 10/20/25, key rotation at seq 13.
const log = buildSampleLog({ org: "org_r", events: 25, headEvery: 10, rotateAtSeq: 13 });
const MODES: TVerifyOptions["eventSignatures"][] = ["every", "uncovered"];

type TLine = Record<string, unknown> & { type: string; event?: TAuditEventBody; hash?: string; frontier?: string[]; prev_hash?: string; tree_size?: number };

function linesOf(fromSeq: number, l: TSampleLog = log): TLine[] {
  return [...exportLines({ org: l.org, exportedAt: "2025-02-01T00:00:00.000Z", keys: l.keys, events: l.events, treeHeads: l.treeHeads, fromSeq })].map((s) => JSON.parse(s) as TLine);
}
const text = (lines: TLine[]) => lines.map((l) => canonicalize(l)).join("\n") + "\n";
const find = (lines: TLine[], pred: (l: TLine) => boolean) => {
  const i = lines.findIndex(pred);
  if (i < 0) throw new Error("no such line");
  return i;
};
const eventAt = (lines: TLine[], seq: number) => find(lines, (l) => l.type === "event" && l.event?.seq === seq);
const anchorAt = (lines: TLine[]) => find(lines, (l) => l.type === "anchor");
const line = (lines: TLine[], i: number) => lines[i] as TLine;

function expectFailure(input: string, expected: { line: number; record?: string; seq: number | null; code: string; reason?: RegExp }, modes = MODES) {
  for (const mode of modes) {
    const result = verifyExport(input, { eventSignatures: mode });
    expect(result, `mode ${mode}`).toMatchObject({ ok: false, line: expected.line, seq: expected.seq, code: expected.code, ...(expected.record ? { record: expected.record } : {}) });
    if (expected.reason && !result.ok) expect(result.reason).toMatch(expected.reason);
  }
  // The verifier written from docs/audit-format.md alone names the same line and check.
  expect(verifyIndependently(input), "independent verifier").toEqual({ ok: false, line: expected.line, code: expected.code });
}

describe("range exports verify", () => {
  it("anchors the omitted prefix; the first tree head in range authenticates its frontier", () => {
    const lines = linesOf(12);
    expect(lines.map((l) => l.type).slice(0, 5)).toEqual(["header", "key", "key", "anchor", "event"]);
    expect(line(lines, 0).version).toBe(2);
    expect(line(lines, 3)).toMatchObject({ tree_size: 11, prev_hash: log.events[10]?.hash });
    expect(line(lines, 3).frontier).toHaveLength(3); // 11 = 8 + 2 + 1
    const every = verifyExport(text(lines), { eventSignatures: "every" });
    expect(every).toMatchObject({ ok: true, version: 2, events: 14, firstSeq: 12, lastSeq: 25, treeHeads: 2, uncoveredEvents: 0, eventSignaturesChecked: 14, anchor: { treeSize: 11, authenticatedBy: 20 } });
    expect(verifyExport(text(lines), { eventSignatures: "uncovered" })).toMatchObject({ ok: true, eventSignaturesChecked: 0, anchor: { authenticatedBy: 20 } });
    for (const fromSeq of [1, 2, 11, 12, 13, 16, 25, 26]) {
      expect(verifyIndependently(text(linesOf(fromSeq))), `from ${fromSeq}`).toMatchObject({ ok: true, firstSeq: fromSeq, lastSeq: 25 });
    }
  });

  it("places a head of exactly the anchor's size right after the anchor", () => {
    const lines = linesOf(11);
    expect(line(lines, anchorAt(lines) + 1)).toMatchObject({ type: "tree_head" });
    expect(verifyExport(text(lines))).toMatchObject({ ok: true, firstSeq: 11, treeHeads: 3, anchor: { treeSize: 10, authenticatedBy: 10 } });
  });

  it("an empty range (after the last event) is a valid export of the anchor and the heads of its size", () => {
    expect(verifyExport(text(linesOf(26)))).toMatchObject({ ok: true, events: 0, firstSeq: 26, lastSeq: 25, treeHeads: 1, anchor: { treeSize: 25, authenticatedBy: 25 } });
  });

  it("without a tree head in range the frontier is not authenticated and every signature is checked", () => {
    const tail = buildSampleLog({ org: "org_r", events: 14, headEvery: 10, finalHead: false });
    const lines = linesOf(12, tail);
    expect(verifyExport(text(lines), { eventSignatures: "uncovered" })).toMatchObject({ ok: true, events: 3, treeHeads: 0, uncoveredEvents: 3, eventSignaturesChecked: 3, anchor: { authenticatedBy: null } });
    // The documented blind spot: nothing in this file can prove the frontier.
    line(lines, anchorAt(lines)).frontier = ["11".repeat(32), "22".repeat(32), toHex(Buffer.from(line(lines, anchorAt(lines)).frontier?.[2] ?? "", "hex"))];
    expect(verifyExport(text(lines))).toMatchObject({ ok: true, anchor: { authenticatedBy: null } });
    // ...but a signature broken in such a file is always found, in both modes.
    const bad = linesOf(12, tail);
    line(bad, eventAt(bad, 13)).signature = "00".repeat(64);
    expectFailure(text(bad), { line: eventAt(bad, 13) + 1, seq: 13, code: "BAD_SIGNATURE" });
  });

  it("a complete export stays version 1, byte for byte", () => {
    expect([...exportLines({ org: log.org, exportedAt: "2025-02-01T00:00:00.000Z", keys: log.keys, events: log.events, treeHeads: log.treeHeads, fromSeq: 1 })]).toEqual([
      ...exportLines({ org: log.org, exportedAt: "2025-02-01T00:00:00.000Z", keys: log.keys, events: log.events, treeHeads: log.treeHeads }),
    ]);
  });
});

describe("range exports name the first broken line", () => {
  it("an altered event in range", () => {
    const lines = linesOf(12);
    const i = eventAt(lines, 15);
    line(lines, i).event = { ...(line(lines, i).event as TAuditEventBody), latency_us: 7 };
    expectFailure(text(lines), { line: i + 1, seq: 15, code: "HASH_MISMATCH" });
  });

  it("a deleted event line, also the first of the range", () => {
    const lines = linesOf(12);
    lines.splice(eventAt(lines, 16), 1);
    expectFailure(text(lines), { line: eventAt(lines, 17) + 1, seq: 17, code: "SEQ_GAP" });
    const first = linesOf(12);
    first.splice(eventAt(first, 12), 1);
    expectFailure(text(first), { line: eventAt(first, 13) + 1, seq: 13, code: "SEQ_GAP", reason: /expected seq 12/ });
  });

  it("reordered events", () => {
    const lines = linesOf(12);
    const i = eventAt(lines, 12);
    [lines[i], lines[i + 1]] = [line(lines, i + 1), line(lines, i)];
    expectFailure(text(lines), { line: i + 1, seq: 13, code: "SEQ_GAP" });
  });

  it("an altered frontier is blamed on the anchor, found at the first tree head", () => {
    for (const fromSeq of [12, 14, 11]) {
      const lines = linesOf(fromSeq);
      const a = anchorAt(lines);
      const frontier = [...(line(lines, a).frontier ?? [])];
      frontier[0] = "ab".repeat(32); // not the odd-size leaf, so only a signed root can catch it
      line(lines, a).frontier = frontier;
      expectFailure(text(lines), { line: a + 1, record: "anchor", seq: fromSeq - 1, code: "ANCHOR", reason: /frontier does not reproduce the root signed by tree head/ });
    }
  });

  it("an altered frontier leaf of an odd-sized prefix fails at the anchor itself", () => {
    const lines = linesOf(12);
    const a = anchorAt(lines);
    const frontier = [...(line(lines, a).frontier ?? [])];
    frontier[2] = "cd".repeat(32);
    line(lines, a).frontier = frontier;
    expectFailure(text(lines), { line: a + 1, record: "anchor", seq: 11, code: "ANCHOR", reason: /leaf hash of prev_hash/ });
    line(lines, a).frontier = frontier.slice(0, 2);
    expectFailure(text(lines), { line: a + 1, record: "anchor", seq: 11, code: "ANCHOR", reason: /frontier of 3 hashes, found 2/ });
  });

  it("an altered anchor prev_hash or tree_size is blamed on the anchor once the first event proves authentic", () => {
    const lines = linesOf(13); // 12 = 8 + 4: even, so the frontier does not contain prev_hash
    const a = anchorAt(lines);
    line(lines, a).prev_hash = "ef".repeat(32);
    expectFailure(text(lines), { line: a + 1, record: "anchor", seq: 12, code: "ANCHOR", reason: /signed prev_hash of event 13/ });

    const sized = linesOf(13);
    line(sized, a).tree_size = 24; // same frontier length (24 = 16 + 8)
    expectFailure(text(sized), { line: a + 1, record: "anchor", seq: 24, code: "ANCHOR", reason: /does not fit event 13/ });
  });

  it("the first event's prev_hash altered (and re-hashed) is the event's fault, not the anchor's", () => {
    const lines = linesOf(13);
    const i = eventAt(lines, 13);
    line(lines, i).event = { ...(line(lines, i).event as TAuditEventBody), prev_hash: "ef".repeat(32) };
    line(lines, i).hash = toHex(hashEvent(line(lines, i).event as TAuditEventBody));
    expectFailure(text(lines), { line: i + 1, seq: 13, code: "BAD_SIGNATURE" });
  });

  it("a missing, misplaced, duplicated or unexpected anchor", () => {
    const missing = linesOf(12);
    missing.splice(anchorAt(missing), 1);
    expectFailure(text(missing), { line: anchorAt(linesOf(12)) + 1, seq: 12, code: "ANCHOR", reason: /needs its anchor line/ });
    const dup = linesOf(12);
    dup.splice(anchorAt(dup), 0, line(dup, anchorAt(dup)));
    expectFailure(text(dup), { line: anchorAt(dup) + 2, record: "anchor", code: "ANCHOR", seq: 11, reason: /second anchor/ });
    const v1 = linesOf(12);
    line(v1, 0).version = 1;
    expectFailure(text(v1), { line: anchorAt(v1) + 1, record: "anchor", seq: 11, code: "ANCHOR", reason: /only version 2/ });
    const v3 = linesOf(12);
    line(v3, 0).version = 3;
    expectFailure(text(v3), { line: 1, seq: null, code: "PARSE", reason: /version/ });
    const headerOnly = linesOf(12).slice(0, 3);
    expectFailure(text(headerOnly), { line: 3, seq: null, code: "ANCHOR" });
  });

  it("reports an earlier bad signature before blaming the anchor for a root mismatch", () => {
    const lines = linesOf(12);
    const a = anchorAt(lines);
    line(lines, a).frontier = ["ab".repeat(32), ...(line(lines, a).frontier ?? []).slice(1)];
    const i = eventAt(lines, 14);
    line(lines, i).signature = "00".repeat(64);
    expectFailure(text(lines), { line: i + 1, seq: 14, code: "BAD_SIGNATURE" });
  });
});
