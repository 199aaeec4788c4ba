import { describe, expect, it } from "vitest";
import { fromHex, toHex } from "./bytes";
import { createLocalSigner, hashEvent, type TAuditEventBody } from "./event";
import { exportLines, serializeExport } from "./export";
import { verifyExport, verifyExportStream, type TVerifyOptions } from "./export-verify";
import { canonicalize } from "./jcs";
import { verifyIndependently } from "./testing/independent-verifier";
import { generateSigningKey } from "./keys";
import { buildSampleLog, type TSampleLog } from "./sample-log";
import { hashTreeHead, type TTreeHeadBody } from "./tree-head";

// 25 events, heads at 10/20/25, key rotation at seq 13. Lines: 1 header, 2-3 keys, then entries.
const log = buildSampleLog({ org: "org_t", events: 25, headEvery: 10, rotateAtSeq: 13 });
const [key1, key2] = log.signingKeys;
if (!key1 || !key2) throw new Error("expected a rotation");
const MODES: TVerifyOptions["eventSignatures"][] = ["every", "uncovered"];

type TLine = Record<string, unknown> & { type: string; event?: TAuditEventBody; tree_head?: TTreeHeadBody; hash?: string; key_id?: string; signature?: string };

function linesOf(l: TSampleLog = log): TLine[] {
  return [...exportLines({ org: l.org, exportedAt: "2025-02-01T00:00:00.000Z", keys: l.keys, events: l.events, treeHeads: l.treeHeads })].map(
    (s) => JSON.parse(s) as TLine,
  );
}
const text = (lines: TLine[]) => lines.map((l) => canonicalize(l)).join("\n") + "\n";
const eventIndex = (lines: TLine[], seq: number) => lines.findIndex((l) => l.type === "event" && l.event?.seq === seq);
const headIndex = (lines: TLine[], size: number) => lines.findIndex((l) => l.type === "tree_head" && l.tree_head?.tree_size === size);
function at(lines: TLine[], index: number): TLine {
  const line = lines[index];
  if (!line) throw new Error(`no line ${index}`);
  return line;
}

/** What an attacker without the secret key can do: fix the hash after editing the body. */
function rehash(line: TLine): void {
  if (line.event) line.hash = toHex(hashEvent(line.event));
  if (line.tree_head) line.hash = toHex(hashTreeHead(line.tree_head));
}
function resign(line: TLine, key: { keyId: string; secretKey: Uint8Array }, keyId = key.keyId): void {
  rehash(line);
  line.signature = toHex(createLocalSigner(key).sign(fromHex(line.hash ?? "")));
  line.key_id = keyId;
}

function expectFailure(input: string, expected: { line: number; seq: number | null; code: string; reason?: RegExp }, modes = MODES) {
  for (const mode of modes) {
    const result = verifyExport(input, { eventSignatures: mode });
    expect(result, `mode ${mode}`).toMatchObject({ ok: false, line: expected.line, seq: expected.seq, code: expected.code });
    if (expected.reason && !result.ok) expect(result.reason).toMatch(expected.reason);
  }
  // The verifier written from docs/audit-format.md alone names the same line and check.
  expect(verifyIndependently(input), "independent verifier").toEqual({ ok: false, line: expected.line, code: expected.code });
}

describe("verifyExport on an intact export", () => {
  it("accepts the export in both signature modes, as text and as lines", () => {
    const serialized = serializeExport({ org: log.org, exportedAt: "2025-02-01T00:00:00.000Z", keys: log.keys, events: log.events, treeHeads: log.treeHeads });
    for (const mode of MODES) {
      const result = verifyExport(serialized, { eventSignatures: mode });
      expect(result).toMatchObject({ ok: true, org: "org_t", events: 25, treeHeads: 3, keys: 2, uncoveredEvents: 0 });
      if (result.ok) expect(result.latestTreeHead?.root_hash).toBe(log.treeHeads[2]?.tree_head.root_hash);
    }
    expect(verifyExport(serialized.trimEnd().split("\n")).ok).toBe(true);
    expect(verifyExport(serialized, { trustedPublicKeys: log.keys.map((k) => k.public_key) }).ok).toBe(true);
  });

  it("accepts an empty log and reports uncovered tail events", () => {
    expect(verifyExport(serializeExport({ org: "o", exportedAt: "2025-02-01T00:00:00.000Z", keys: [], events: [], treeHeads: [] }))).toMatchObject({ ok: true, events: 0 });
    const tail = buildSampleLog({ org: "org_t", events: 12, headEvery: 10, finalHead: false });
    expect(verifyExport(text(linesOf(tail)))).toMatchObject({ ok: true, uncoveredEvents: 2 });
  });
});

describe("verifyExport names the first broken line", () => {
  it("changed field, hash left alone", () => {
    const lines = linesOf();
    const i = eventIndex(lines, 7);
    at(lines, i).event = { ...(at(lines, i).event as TAuditEventBody), decision: "ALLOW" === at(lines, i).event?.decision ? "BLOCK" : "ALLOW" };
    expectFailure(text(lines), { line: i + 1, seq: 7, code: "HASH_MISMATCH" });
  });

  it("changed field with a recomputed hash", () => {
    const lines = linesOf();
    const i = eventIndex(lines, 7);
    at(lines, i).event = { ...(at(lines, i).event as TAuditEventBody), latency_us: 1 };
    rehash(at(lines, i));
    expectFailure(text(lines), { line: i + 1, seq: 7, code: "BAD_SIGNATURE" });
  });

  it("changed field with the whole chain after it rewritten", () => {
    const lines = linesOf();
    const i = eventIndex(lines, 7);
    at(lines, i).event = { ...(at(lines, i).event as TAuditEventBody), request_id: "req_forged" };
    let prev = "";
    for (let seq = 7; seq <= 25; seq++) {
      const line = at(lines, eventIndex(lines, seq));
      if (seq > 7 && line.event) line.event = { ...line.event, prev_hash: prev };
      rehash(line);
      prev = line.hash ?? "";
    }
    expectFailure(text(lines), { line: i + 1, seq: 7, code: "BAD_SIGNATURE" });
  });

  it("dropped event", () => {
    const lines = linesOf();
    const i = eventIndex(lines, 5);
    lines.splice(i, 1);
    expectFailure(text(lines), { line: i + 1, seq: 6, code: "SEQ_GAP", reason: /expected seq 5/ });
  });

  it("reordered events", () => {
    const lines = linesOf();
    const i = eventIndex(lines, 5);
    const [five, six] = [at(lines, i), at(lines, i + 1)];
    lines[i] = six;
    lines[i + 1] = five;
    expectFailure(text(lines), { line: i + 1, seq: 6, code: "SEQ_GAP", reason: /expected seq 5/ });
  });

  it("duplicated event", () => {
    const lines = linesOf();
    const i = eventIndex(lines, 5);
    lines.splice(i + 1, 0, at(lines, i));
    expectFailure(text(lines), { line: i + 2, seq: 5, code: "SEQ_ORDER" });
  });

  it("wrong key: re-signed by another key under the real key id", () => {
    const lines = linesOf();
    const i = eventIndex(lines, 8);
    resign(at(lines, i), generateSigningKey("org_t"), key1.keyId);
    expectFailure(text(lines), { line: i + 1, seq: 8, code: "BAD_SIGNATURE" }, ["every"]);
  });

  it("wrong key: an unpublished key", () => {
    const lines = linesOf();
    const i = eventIndex(lines, 8);
    resign(at(lines, i), generateSigningKey("org_t"));
    expectFailure(text(lines), { line: i + 1, seq: 8, code: "UNKNOWN_KEY" });
  });

  it("wrong key: the retired key used after rotation", () => {
    const lines = linesOf();
    const i = eventIndex(lines, 15);
    resign(at(lines, i), key1);
    expectFailure(text(lines), { line: i + 1, seq: 15, code: "KEY_NOT_VALID" });
  });

  it("wrong key: a key outside the pinned set", () => {
    const lines = linesOf();
    const result = verifyExport(text(lines), { trustedPublicKeys: [toHex(key1.publicKey)] });
    expect(result).toMatchObject({ ok: false, line: 3, record: "key", code: "UNTRUSTED_KEY" });
  });

  it("bad tree head: edited root, edited and re-hashed, dropped, wrongly signed", () => {
    const edited = linesOf();
    const h = headIndex(edited, 20);
    at(edited, h).tree_head = { ...(at(edited, h).tree_head as TTreeHeadBody), root_hash: "00".repeat(32) };
    expectFailure(text(edited), { line: h + 1, seq: 20, code: "HASH_MISMATCH" });
    rehash(at(edited, h));
    expectFailure(text(edited), { line: h + 1, seq: 20, code: "BAD_SIGNATURE" });

    const dropped = linesOf();
    dropped.splice(headIndex(dropped, 10), 1);
    expectFailure(text(dropped), { line: headIndex(dropped, 20) + 1, seq: 20, code: "HEAD_CHAIN" });

    // Signed with the real key (an insider), but the root is not the events' root.
    const forged = linesOf();
    const f = headIndex(forged, 20);
    at(forged, f).tree_head = { ...(at(forged, f).tree_head as TTreeHeadBody), root_hash: "11".repeat(32) };
    resign(at(forged, f), key2);
    expectFailure(text(forged), { line: f + 1, seq: 20, code: "ROOT_MISMATCH" });
  });

  it("truncated tail under a tree head", () => {
    const lines = linesOf();
    lines.splice(eventIndex(lines, 25), 1);
    expectFailure(text(lines), { line: headIndex(lines, 25) + 1, seq: 25, code: "TREE_SIZE" });
  });

  it("garbage and structural errors", () => {
    const lines = text(linesOf()).split("\n");
    lines[5] = "{not json";
    expectFailure(lines.join("\n"), { line: 6, seq: null, code: "PARSE" });
    expectFailure(text(linesOf().slice(1)), { line: 1, seq: null, code: "HEADER" });
    const foreign = linesOf();
    const i = eventIndex(foreign, 3);
    at(foreign, i).event = { ...(at(foreign, i).event as TAuditEventBody), org: "org_other" };
    expectFailure(text(foreign), { line: i + 1, seq: 3, code: "ORG_MISMATCH" });
  });

  it("uncovered mode still checks tail signatures; covered signature-only damage is its documented blind spot", () => {
    const tail = linesOf(buildSampleLog({ org: "org_t", events: 12, headEvery: 10, finalHead: false }));
    const t = eventIndex(tail, 12);
    at(tail, t).signature = "00".repeat(64);
    expectFailure(text(tail), { line: t + 1, seq: 12, code: "BAD_SIGNATURE" });

    const covered = linesOf();
    const c = eventIndex(covered, 4);
    at(covered, c).signature = "00".repeat(64);
    expect(verifyExport(text(covered), { eventSignatures: "every" })).toMatchObject({ ok: false, seq: 4, code: "BAD_SIGNATURE" });
    expect(verifyExport(text(covered), { eventSignatures: "uncovered" }).ok).toBe(true);
  });

  it("reports the earlier of a deferred bad signature and a later structural error", () => {
    const lines = linesOf();
    const i = eventIndex(lines, 3);
    at(lines, i).event = { ...(at(lines, i).event as TAuditEventBody), agent: "mallory" };
    rehash(at(lines, i));
    at(lines, eventIndex(lines, 4)).event = { ...(at(lines, eventIndex(lines, 4)).event as TAuditEventBody), prev_hash: at(lines, i).hash ?? "" };
    rehash(at(lines, eventIndex(lines, 4)));
    lines.splice(eventIndex(lines, 6), 1);
    expectFailure(text(lines), { line: i + 1, seq: 3, code: "BAD_SIGNATURE" });
  });
});

describe("verifyExport line layout", () => {
  it("accepts valid exports whose lines are not in JCS form (general path)", () => {
    const lines = linesOf();
    const reordered = lines.map((l) => JSON.stringify(l.event ? { type: l.type, signature: l.signature, key_id: l.key_id, hash: l.hash, event: l.event } : l));
    expect(verifyExport(reordered, { eventSignatures: "every" })).toMatchObject({ ok: true, events: 25 });
    const spaced = lines.map((l) => JSON.stringify(l, null, 1).replace(/\n/g, " "));
    expect(verifyExport(spaced)).toMatchObject({ ok: true, events: 25 });
  });

  it("tolerates CRLF line ends and rejects blank lines in the middle", () => {
    const crlf = text(linesOf()).replace(/\n/g, "\r\n");
    expect(verifyExport(crlf).ok).toBe(true);
    const blank = text(linesOf()).replace("\n", "\n\n");
    expect(verifyExport(blank)).toMatchObject({ ok: false, line: 2, code: "PARSE" });
  });
});

describe("verifyExportStream", () => {
  async function* stream(lines: string[]): AsyncGenerator<string> {
    for (const line of lines) yield line;
  }
  const asLines = (lines: TLine[]) => text(lines).trimEnd().split("\n");

  it("gives the same verdicts with threadpool signature batches", async () => {
    const big = buildSampleLog({ org: "org_t", events: 2600, headEvery: 700 });
    const intact = linesOf(big);
    for (const mode of MODES) {
      expect(await verifyExportStream(stream(asLines(intact)), { eventSignatures: mode, parallelSignatures: true })).toMatchObject({ ok: true, events: 2600 });
    }
    const damaged = linesOf(big);
    const i = eventIndex(damaged, 2100);
    at(damaged, i).signature = "00".repeat(64);
    at(damaged, eventIndex(damaged, 2400)).signature = "00".repeat(64);
    expect(await verifyExportStream(stream(asLines(damaged)), { parallelSignatures: true })).toMatchObject({ ok: false, line: i + 1, seq: 2100, code: "BAD_SIGNATURE" });
    // A structural error after the bad signature, inside the same batch, is not reported first.
    damaged.splice(eventIndex(damaged, 2105), 1);
    expect(await verifyExportStream(stream(asLines(damaged)), { parallelSignatures: true })).toMatchObject({ ok: false, seq: 2100, code: "BAD_SIGNATURE" });
  });
});
