/**
 * verifyExport: checks an export line by line and stops at the FIRST broken line.
 *
 * Per event: schema, org, gapless seq, prev_hash chain, recomputed hash, key known and
 * valid at ts, Ed25519 signature. Per tree head: size equals events so far, head chain,
 * recomputed hash, key, signature, then the RFC 6962 root recomputed from the events.
 * One pass, O(log n) memory for the Merkle state, so 1M-event files stream.
 *
 * eventSignatures "uncovered" (opt-in) skips per-event signature checks for events
 * that a verified signed tree head commits to: their content is then authenticated by
 * the head's signature through the Merkle root. Pending signatures are still checked
 * whenever anything fails, so the first broken event is named exactly as in "every".
 *
 * A range export (version 2) starts with an anchor for the omitted prefix: the Merkle
 * state is seeded from its compact range and the chain from its prev_hash. The first
 * event's signature commits to the prev_hash; the first tree head whose root matches
 * authenticates the compact range ("frontier"). A mismatch is blamed on the anchor only
 * when everything else involved is proven authentic, so the named line stays exact.
 */
import { toHex, fromHex, ZERO_HASH_HEX } from "./bytes";
import { hashEvent } from "./event";
import { hashTreeHead } from "./tree-head";
import { isKeyValidAt, keyRecordProblem, type TKeyRecord } from "./keys";
import { MerkleAccumulator, frontierLength, leafHash } from "./merkle";
import { verifyEd25519, verifyNativeAsync } from "./ed25519";
import { parseExportLine, type TParsedLine } from "./export-records";
import { parseEventLineFast, type TFastEvent } from "./export-fast-path";

export type TVerifyFailureCode =
  | "PARSE" | "HEADER" | "ORDER" | "ORG_MISMATCH" | "KEY_INVALID" | "UNTRUSTED_KEY"
  | "SEQ_GAP" | "SEQ_ORDER" | "PREV_HASH" | "HASH_MISMATCH" | "UNKNOWN_KEY" | "KEY_NOT_VALID"
  | "BAD_SIGNATURE" | "TREE_SIZE" | "HEAD_CHAIN" | "ROOT_MISMATCH" | "ANCHOR";

export type TVerifyFailure = {
  ok: false;
  /** 1-based line number in the export. */
  line: number;
  record: "header" | "key" | "anchor" | "event" | "tree_head" | null;
  /** The event's seq for event lines, the tree_size for tree heads and anchors, else null. */
  seq: number | null;
  code: TVerifyFailureCode;
  reason: string;
};

export type TVerifySuccess = {
  ok: true;
  org: string;
  /** 1 for a version 1 export; version 2 exports start after their anchor. */
  version: 1 | 2;
  /** Event lines in the file (lastSeq - firstSeq + 1). */
  events: number;
  firstSeq: number;
  lastSeq: number;
  treeHeads: number;
  keys: number;
  lastHash: string;
  latestTreeHead: { tree_size: number; root_hash: string; hash: string } | null;
  /** Events after the latest tree head: their tail could be truncated undetectably. */
  uncoveredEvents: number;
  /** Events whose Ed25519 signature was checked one by one (the rest are covered by a verified tree head). */
  eventSignaturesChecked: number;
  /**
   * Version 2: the omitted prefix. `authenticatedBy` is the tree_size of the first tree
   * head whose signed root the frontier reproduced, null when no head in the file did
   * (the frontier is then unproven; every event's own signature was checked).
   */
  anchor: { treeSize: number; prevHash: string; authenticatedBy: number | null } | null;
};

export type TVerifyResult = TVerifySuccess | TVerifyFailure;

export type TVerifyOptions = {
  /** Pin the org's keys (64-hex public keys) obtained out of band; others are rejected. */
  trustedPublicKeys?: Iterable<string>;
  eventSignatures?: "every" | "uncovered";
  /**
   * verifyExportStream only: check signatures in batches on the libuv threadpool instead
   * of inline. Same results (a batch is settled before any later failure is reported);
   * faster when cores are free. Ignored by the synchronous verifyExport.
   */
  parallelSignatures?: boolean;
};

/** Events per threadpool batch: large enough to keep the pool busy, small enough to stay responsive. */
const PARALLEL_BATCH = 2048;

type TPending = { line: number; seq: number; hash: Buffer; signature: string; key: TKeyRecord };

export class ExportVerifier {
  private lineNo = 0;
  private org: string | null = null;
  private readonly keys = new Map<string, TKeyRecord>();
  private readonly publicKeys = new Map<string, Buffer>();
  private readonly trusted: Set<string> | null;
  private readonly deferSignatures: boolean;
  /** In parallel "every" mode a tree head does not excuse pending signatures. */
  private readonly keepPendingOnHeads: boolean;
  private sawEntries = false;
  private version: 1 | 2 = 1;
  private anchor: { line: number; treeSize: number; prevHash: string; authenticatedBy: number | null } | null = null;
  private eventsRead = 0;
  private signaturesExcused = 0;
  private nextSeq = 1;
  private lastHash = ZERO_HASH_HEX;
  private merkle = new MerkleAccumulator();
  private head: { tree_size: number; root_hash: string; hash: string; timestamp: string; org: string } | null = null;
  private heads = 0;
  private pending: TPending[] = [];
  private failure: TVerifyFailure | null = null;

  constructor(options: TVerifyOptions = {}) {
    this.trusted = options.trustedPublicKeys ? new Set(options.trustedPublicKeys) : null;
    const parallel = options.parallelSignatures === true;
    this.deferSignatures = options.eventSignatures === "uncovered" || parallel;
    this.keepPendingOnHeads = parallel && options.eventSignatures !== "uncovered";
  }

  get pendingSignatures(): number {
    return this.pending.length;
  }

  /** Settles deferred signatures on the threadpool; reports the earliest bad one. */
  async flushPendingAsync(): Promise<TVerifyFailure | null> {
    if (this.failure) return this.failure;
    const pending = this.pending;
    this.pending = [];
    const results = await Promise.all(
      pending.map((p) => {
        const publicKey = this.publicKeys.get(p.key.key_id);
        return publicKey ? verifyNativeAsync(Buffer.from(p.signature, "hex"), p.hash, publicKey) : Promise.resolve(false);
      }),
    );
    const bad = results.indexOf(false);
    const p = pending[bad];
    if (!p) return null;
    this.failure = { ok: false, line: p.line, record: "event", seq: p.seq, code: "BAD_SIGNATURE", reason: `signature does not verify under key ${p.key.key_id}` };
    return this.failure;
  }

  /** Feeds the next line; returns the failure once one is found (and ignores later lines). */
  push(line: string): TVerifyFailure | null {
    if (this.failure) return this.failure;
    this.lineNo++;
    if (this.org !== null) {
      const fast = parseEventLineFast(line);
      if (fast) {
        this.sawEntries = true;
        return this.checkEvent(fast, true);
      }
    }
    const parsed = parseExportLine(line);
    if (!parsed.ok) return this.fail(null, parsed.seq, "PARSE", parsed.reason);
    return this.check(parsed.record);
  }

  finish(): TVerifyResult {
    if (this.failure) return this.failure;
    if (this.org === null) return this.fail(null, null, "HEADER", "export has no header line");
    if (this.version === 2 && !this.anchor) return this.fail(null, null, "ANCHOR", "a version 2 export needs an anchor line");
    const flushed = this.flushPending();
    if (flushed) return flushed;
    const first = (this.anchor?.treeSize ?? 0) + 1;
    return {
      ok: true,
      org: this.org,
      version: this.version,
      events: this.eventsRead,
      firstSeq: first,
      lastSeq: this.nextSeq - 1,
      treeHeads: this.heads,
      keys: this.keys.size,
      lastHash: this.lastHash,
      latestTreeHead: this.head ? { tree_size: this.head.tree_size, root_hash: this.head.root_hash, hash: this.head.hash } : null,
      uncoveredEvents: this.nextSeq - 1 - (this.head?.tree_size ?? first - 1),
      eventSignaturesChecked: this.eventsRead - this.signaturesExcused,
      anchor: this.anchor ? { treeSize: this.anchor.treeSize, prevHash: this.anchor.prevHash, authenticatedBy: this.anchor.authenticatedBy } : null,
    };
  }

  private check(rec: TParsedLine): TVerifyFailure | null {
    if (rec.type === "header") {
      if (this.lineNo !== 1) return this.fail("header", null, "ORDER", "header must be the first line only");
      this.org = rec.org;
      this.version = rec.version;
      return null;
    }
    if (this.org === null) return this.fail(null, null, "HEADER", "the first line must be the header");
    if (rec.type === "key") return this.checkKey(rec.key);
    if (rec.type === "anchor") return this.checkAnchor(rec);
    this.sawEntries = true;
    if (rec.type === "tree_head") return this.checkTreeHead(rec);
    // General path: the body was schema-checked; its hash is recomputed via JCS.
    return this.checkEvent(rec, toHex(hashEvent(rec.body)) === rec.hash);
  }

  private checkKey(key: TKeyRecord): TVerifyFailure | null {
    const fail = (code: TVerifyFailureCode, reason: string) => this.fail("key", null, code, `key ${key.key_id}: ${reason}`);
    if (this.sawEntries) return fail("ORDER", "key lines must precede the anchor, events and tree heads");
    if (key.org !== this.org) return fail("ORG_MISMATCH", `org "${key.org}" is not the export's org`);
    if (this.keys.has(key.key_id)) return fail("KEY_INVALID", "duplicate key_id");
    const problem = keyRecordProblem(key);
    if (problem) return fail("KEY_INVALID", problem);
    if (this.trusted && !this.trusted.has(key.public_key)) return fail("UNTRUSTED_KEY", "public key is not in the trusted set");
    this.keys.set(key.key_id, key);
    this.publicKeys.set(key.key_id, fromHex(key.public_key));
    return null;
  }

  private checkAnchor(rec: Extract<TParsedLine, { type: "anchor" }>): TVerifyFailure | null {
    const fail = (code: TVerifyFailureCode, reason: string) => this.fail("anchor", rec.treeSize, code, reason);
    if (this.version !== 2) return fail("ANCHOR", "only version 2 (range) exports have an anchor line");
    if (this.anchor) return fail("ANCHOR", `second anchor line (the first is line ${this.anchor.line})`);
    if (this.sawEntries) return fail("ORDER", "the anchor must precede events and tree heads");
    const expected = frontierLength(rec.treeSize);
    if (rec.frontier.length !== expected) return fail("ANCHOR", `a prefix of ${rec.treeSize} events has a frontier of ${expected} hashes, found ${rec.frontier.length}`);
    const frontier = rec.frontier.map((h) => Buffer.from(h, "hex"));
    // With an odd size the last subtree is the single leaf of event tree_size, whose hash is prev_hash.
    const last = frontier[frontier.length - 1];
    if (rec.treeSize % 2 === 1 && last && !leafHash(Buffer.from(rec.prevHash, "hex")).equals(last)) {
      return fail("ANCHOR", "the frontier's last hash is not the leaf hash of prev_hash (tree_size is odd)");
    }
    this.anchor = { line: this.lineNo, treeSize: rec.treeSize, prevHash: rec.prevHash, authenticatedBy: null };
    this.merkle = MerkleAccumulator.fromFrontier(rec.treeSize, frontier);
    this.nextSeq = rec.treeSize + 1;
    this.lastHash = rec.prevHash;
    this.sawEntries = true;
    return null;
  }

  /** A failure that names the anchor line, found while reading a later line. */
  private failAnchor(reason: string): TVerifyFailure {
    const anchor = this.anchor as { line: number; treeSize: number };
    this.failure = this.flushPending() ?? { ok: false, line: anchor.line, record: "anchor", seq: anchor.treeSize, code: "ANCHOR", reason };
    return this.failure;
  }

  /** Version 2 requires the anchor before any event or tree head. */
  private missingAnchor(record: "event" | "tree_head", seq: number): TVerifyFailure | null {
    if (this.version !== 2 || this.anchor) return null;
    return this.fail(record, seq, "ANCHOR", "a version 2 export needs its anchor line before the first event or tree head");
  }

  /**
   * The first event after the anchor: its signed seq and prev_hash must be the anchor's
   * tree_size + 1 and prev_hash. When exactly one disagrees, the event is authenticated
   * first (hash, key, signature): an authentic event proves the anchor wrong; otherwise
   * the event itself is broken. When both disagree the event is out of place (SEQ_GAP /
   * SEQ_ORDER below), e.g. the first event of the range was deleted.
   */
  private checkFirstEventAfterAnchor(rec: TFastEvent, hashMatches: boolean): TVerifyFailure | null {
    const anchor = this.anchor;
    if (!anchor || this.eventsRead > 0) return null;
    const { body } = rec;
    const seqOk = body.seq === anchor.treeSize + 1;
    const prevOk = body.prev_hash === anchor.prevHash;
    if (seqOk === prevOk) return null;
    const fail = (code: TVerifyFailureCode, reason: string) => this.fail("event", body.seq, code, reason);
    if (!hashMatches) return fail("HASH_MISMATCH", "hash does not match the canonical event body (event altered)");
    const key = this.keys.get(rec.keyId);
    if (!key) return fail("UNKNOWN_KEY", `key_id ${rec.keyId} is not a published key`);
    if (!isKeyValidAt(key, body.ts)) return fail("KEY_NOT_VALID", `key ${rec.keyId} was not valid at ${body.ts}`);
    if (!this.signatureOk({ line: this.lineNo, seq: body.seq, hash: Buffer.from(rec.hash, "hex"), signature: rec.signature, key })) {
      return fail("BAD_SIGNATURE", `signature does not verify under key ${rec.keyId}`);
    }
    return seqOk
      ? this.failAnchor(`the anchor's prev_hash is not the signed prev_hash of event ${body.seq} (line ${this.lineNo}), the first exported event`)
      : this.failAnchor(`tree_size ${anchor.treeSize} does not fit event ${body.seq} (line ${this.lineNo}), whose signed prev_hash is the anchor's`);
  }

  /** The caller recomputed the body's hash and says whether it equals `rec.hash`. */
  private checkEvent(rec: TFastEvent, hashMatches: boolean): TVerifyFailure | null {
    const { body } = rec;
    const fail = (code: TVerifyFailureCode, reason: string) => this.fail("event", body.seq, code, reason);
    const gate = this.missingAnchor("event", body.seq);
    if (gate) return gate;
    if (body.org !== this.org) return fail("ORG_MISMATCH", `org "${body.org}" is not the export's org`);
    const anchored = this.checkFirstEventAfterAnchor(rec, hashMatches);
    if (anchored) return anchored;
    if (body.seq > this.nextSeq) return fail("SEQ_GAP", `expected seq ${this.nextSeq}, found ${body.seq}: event(s) ${this.nextSeq}..${body.seq - 1} missing`);
    if (body.seq < this.nextSeq) return fail("SEQ_ORDER", `expected seq ${this.nextSeq}, found ${body.seq}: duplicate or out of order`);
    if (body.prev_hash !== this.lastHash) return fail("PREV_HASH", `prev_hash does not match the hash of event ${body.seq - 1}`);
    if (!hashMatches) return fail("HASH_MISMATCH", "hash does not match the canonical event body (event altered)");
    // Both paths guarantee rec.hash is 64 lowercase hex, so skip the strict decoder.
    const hash = Buffer.from(rec.hash, "hex");
    const key = this.keys.get(rec.keyId);
    if (!key) return fail("UNKNOWN_KEY", `key_id ${rec.keyId} is not a published key`);
    if (!isKeyValidAt(key, body.ts)) return fail("KEY_NOT_VALID", `key ${rec.keyId} was not valid at ${body.ts}`);
    const pending: TPending = { line: this.lineNo, seq: body.seq, hash, signature: rec.signature, key };
    if (this.deferSignatures) this.pending.push(pending);
    else if (!this.signatureOk(pending)) return fail("BAD_SIGNATURE", `signature does not verify under key ${rec.keyId}`);
    this.nextSeq++;
    this.eventsRead++;
    this.lastHash = rec.hash;
    this.merkle.appendLeafHash(leafHash(hash));
    return null;
  }

  private checkTreeHead(rec: Extract<TParsedLine, { type: "tree_head" }>): TVerifyFailure | null {
    const { body } = rec;
    const fail = (code: TVerifyFailureCode, reason: string) => this.fail("tree_head", body.tree_size, code, `tree head ${body.tree_size}: ${reason}`);
    const gate = this.missingAnchor("tree_head", body.tree_size);
    if (gate) return gate;
    if (body.org !== this.org) return fail("ORG_MISMATCH", `org "${body.org}" is not the export's org`);
    const events = this.merkle.size;
    if (body.tree_size !== events) return fail("TREE_SIZE", `tree_size must equal the ${events} events before it`);
    const prev = this.head;
    // In a range export the first head's predecessor lies in the omitted prefix: its link is not checked.
    const linkChecked = prev !== null || this.anchor === null;
    if (linkChecked && body.prev_head_hash !== (prev ? prev.hash : ZERO_HASH_HEX)) return fail("HEAD_CHAIN", "prev_head_hash does not match the previous tree head");
    if (prev && body.timestamp < prev.timestamp) return fail("HEAD_CHAIN", "timestamp is earlier than the previous tree head");
    const hash = hashTreeHead(body);
    if (toHex(hash) !== rec.hash) return fail("HASH_MISMATCH", "hash does not match the canonical tree head (head altered)");
    const key = this.keys.get(rec.keyId);
    if (!key) return fail("UNKNOWN_KEY", `key_id ${rec.keyId} is not a published key`);
    if (!isKeyValidAt(key, body.timestamp)) return fail("KEY_NOT_VALID", `key ${rec.keyId} was not valid at ${body.timestamp}`);
    if (!this.signatureOk({ line: this.lineNo, seq: body.tree_size, hash, signature: rec.signature, key })) {
      return fail("BAD_SIGNATURE", `signature does not verify under key ${rec.keyId}`);
    }
    // The signed root must be the root of exactly the events read so far.
    if (toHex(this.merkle.root()) !== body.root_hash) {
      // Before any head has vouched for the anchor's frontier, the authentic head and the
      // (once pending signatures are settled) authentic events leave the frontier to blame.
      if (this.anchor && this.anchor.authenticatedBy === null) {
        return this.failAnchor(`the frontier does not reproduce the root signed by tree head ${body.tree_size} (line ${this.lineNo})`);
      }
      return fail("ROOT_MISMATCH", "root_hash is not the Merkle root of the events before it");
    }
    if (this.anchor && this.anchor.authenticatedBy === null) this.anchor.authenticatedBy = body.tree_size;
    if (!this.keepPendingOnHeads) {
      this.signaturesExcused += this.pending.length;
      this.pending = [];
    }
    this.head = { ...body, hash: rec.hash };
    this.heads++;
    return null;
  }

  private signatureOk(p: TPending): boolean {
    const publicKey = this.publicKeys.get(p.key.key_id);
    return publicKey !== undefined && verifyEd25519(fromHex(p.signature), p.hash, publicKey);
  }

  /** Checks deferred event signatures; they precede the current line, so they fail first. */
  private flushPending(): TVerifyFailure | null {
    const pending = this.pending;
    this.pending = [];
    for (const p of pending) {
      if (!this.signatureOk(p)) {
        this.failure = { ok: false, line: p.line, record: "event", seq: p.seq, code: "BAD_SIGNATURE", reason: `signature does not verify under key ${p.key.key_id}` };
        return this.failure;
      }
    }
    return null;
  }

  private fail(record: TVerifyFailure["record"], seq: number | null, code: TVerifyFailureCode, reason: string): TVerifyFailure {
    this.failure = this.flushPending() ?? { ok: false, line: this.lineNo, record, seq, code, reason };
    return this.failure;
  }
}

function splitLines(text: string): string[] {
  const lines = text.split("\n");
  // One trailing newline ends the last record; it is not an empty record.
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Verifies a whole export given as text or as lines (without newline characters). */
export function verifyExport(input: string | Iterable<string>, options?: TVerifyOptions): TVerifyResult {
  const verifier = new ExportVerifier(options);
  for (const line of typeof input === "string" ? splitLines(input) : input) {
    if (verifier.push(line)) break;
  }
  return verifier.finish();
}

/** Streaming form for files too large for one string (e.g. readline over a file). */
export async function verifyExportStream(lines: AsyncIterable<string>, options?: TVerifyOptions): Promise<TVerifyResult> {
  const verifier = new ExportVerifier(options);
  const parallel = options?.parallelSignatures === true;
  for await (const line of lines) {
    if (verifier.push(line)) break;
    if (parallel && verifier.pendingSignatures >= PARALLEL_BATCH && (await verifier.flushPendingAsync())) break;
  }
  if (parallel) await verifier.flushPendingAsync();
  return verifier.finish();
}
