/**
 * A second verifier written from docs/audit-format.md alone (§2-§9, "every" signature
 * mode, §9.4 for range exports), with node:crypto and nothing from server/audit. Tests
 * run it beside the reference verifier so the document, not the code, is what a
 * customer's verifier needs. Deliberately plain and slow: one line at a time, no fast path.
 */
import { createHash, createPublicKey, verify as edVerify } from "node:crypto";

export type TIndependentResult =
  | { ok: true; version: number; firstSeq: number; lastSeq: number; heads: number; frontierProvenBy: number | null }
  | { ok: false; line: number; code: string };

const ZERO = "0".repeat(64);
const HEX64 = /^[0-9a-f]{64}$/;
const sha = (data: Buffer | string) => createHash("sha256").update(data).digest();
const leafHash = (hashHex: string) => sha(Buffer.concat([Buffer.of(0), Buffer.from(hashHex, "hex")]));
const nodeHash = (l: Buffer, r: Buffer) => sha(Buffer.concat([Buffer.of(1), l, r]));

/** §3: JCS for the value kinds of the format. Default sort compares UTF-16 code units. */
function jcs(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(jcs).join(",")}]`;
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${jcs(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(v);
}
const keysAre = (o: Record<string, unknown>, names: string[]) => Object.keys(o).sort().join() === [...names].sort().join();

/** §8.1 seeding and RFC 6962 root from a compact range. */
class Tree {
  constructor(public stack: Buffer[] = [], public count = 0) {}
  append(leaf: Buffer) {
    let node = leaf;
    for (let n = this.count; n % 2 === 1; n = Math.floor(n / 2)) node = nodeHash(this.stack.pop() as Buffer, node);
    this.stack.push(node);
    this.count++;
  }
  root(): string {
    if (this.stack.length === 0) return sha("").toString("hex");
    let r = this.stack[this.stack.length - 1] as Buffer;
    for (let i = this.stack.length - 2; i >= 0; i--) r = nodeHash(this.stack[i] as Buffer, r);
    return r.toString("hex");
  }
}

type TKey = { public_key: string; valid_from: string; valid_until: string | null };
const sigOk = (key: TKey, hashHex: string, sigHex: string) => {
  const spki = Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), Buffer.from(key.public_key, "hex")]);
  return edVerify(null, Buffer.from(hashHex, "hex"), createPublicKey({ key: spki, format: "der", type: "spki" }), Buffer.from(sigHex, "hex"));
};
const validAt = (k: TKey, t: string) => k.valid_from <= t && (k.valid_until === null || t < k.valid_until);

export function verifyIndependently(text: string): TIndependentResult {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  let org = "";
  let version = 0;
  const keys = new Map<string, TKey>();
  let anchor: { line: number; size: number; prev: string; provenBy: number | null } | null = null;
  let entries = false;
  let expected = 1;
  let last = ZERO;
  let tree = new Tree();
  let head: { hash: string; timestamp: string } | null = null;
  let heads = 0;
  let events = 0;
  for (let i = 0; i < lines.length; i++) {
    const no = i + 1;
    const fail = (code: string, line = no): TIndependentResult => ({ ok: false, line, code });
    let rec: Record<string, unknown>;
    try {
      rec = JSON.parse((lines[i] as string).replace(/\r$/, "")) as Record<string, unknown>;
    } catch {
      return fail("PARSE");
    }
    if (no === 1) {
      if (rec.type !== "header" || rec.format !== "aegis.audit.export") return fail("HEADER");
      if (rec.version !== 1 && rec.version !== 2) return fail("PARSE");
      org = String(rec.org);
      version = rec.version;
      continue;
    }
    if (rec.type === "key") {
      const k = rec.key as TKey & { key_id: string; org: string };
      if (entries) return fail("ORDER");
      if (k.org !== org) return fail("ORG_MISMATCH");
      if (sha(Buffer.from(k.public_key, "hex")).toString("hex").slice(0, 16) !== k.key_id || keys.has(k.key_id)) return fail("KEY_INVALID");
      keys.set(k.key_id, k);
      continue;
    }
    if (rec.type === "anchor") {
      if (!keysAre(rec, ["type", "tree_size", "prev_hash", "frontier"])) return fail("PARSE");
      const size = rec.tree_size as number;
      const frontier = rec.frontier as string[];
      const prev = rec.prev_hash as string;
      if (version !== 2 || anchor) return fail("ANCHOR");
      if (entries) return fail("ORDER");
      if (!Number.isSafeInteger(size) || size < 1 || !HEX64.test(prev) || !frontier.every((h) => HEX64.test(h))) return fail("PARSE");
      const popcount = size.toString(2).split("").filter((b) => b === "1").length;
      if (frontier.length !== popcount) return fail("ANCHOR");
      if (size % 2 === 1 && frontier[frontier.length - 1] !== leafHash(prev).toString("hex")) return fail("ANCHOR");
      anchor = { line: no, size, prev, provenBy: null };
      tree = new Tree(frontier.map((h) => Buffer.from(h, "hex")), size);
      expected = size + 1;
      last = prev;
      entries = true;
      continue;
    }
    entries = true;
    if (version === 2 && !anchor) return fail("ANCHOR");
    const key = keys.get(String(rec.key_id));
    if (rec.type === "event") {
      const e = rec.event as Record<string, unknown> & { seq: number; prev_hash: string; ts: string };
      if (e.org !== org) return fail("ORG_MISMATCH");
      const hashOk = sha(jcs(e)).toString("hex") === rec.hash;
      const authentic = () => (!hashOk ? "HASH_MISMATCH" : !key ? "UNKNOWN_KEY" : !validAt(key, e.ts) ? "KEY_NOT_VALID" : !sigOk(key, String(rec.hash), String(rec.signature)) ? "BAD_SIGNATURE" : null);
      if (anchor && events === 0) {
        const seqOk = e.seq === anchor.size + 1;
        const prevOk = e.prev_hash === anchor.prev;
        if (seqOk !== prevOk) {
          const problem = authentic();
          return problem ? fail(problem) : fail("ANCHOR", anchor.line);
        }
      }
      if (e.seq > expected) return fail("SEQ_GAP");
      if (e.seq < expected) return fail("SEQ_ORDER");
      if (e.prev_hash !== last) return fail("PREV_HASH");
      const problem = authentic();
      if (problem) return fail(problem);
      expected++;
      events++;
      last = String(rec.hash);
      tree.append(leafHash(last));
      continue;
    }
    if (rec.type === "tree_head") {
      const h = rec.tree_head as { org: string; tree_size: number; root_hash: string; timestamp: string; prev_head_hash: string };
      if (h.org !== org) return fail("ORG_MISMATCH");
      if (h.tree_size !== tree.count) return fail("TREE_SIZE");
      if ((head || !anchor) && (h.prev_head_hash !== (head ? head.hash : ZERO) || (head && h.timestamp < head.timestamp))) return fail("HEAD_CHAIN");
      if (sha(jcs(h)).toString("hex") !== rec.hash) return fail("HASH_MISMATCH");
      if (!key) return fail("UNKNOWN_KEY");
      if (!validAt(key, h.timestamp)) return fail("KEY_NOT_VALID");
      if (!sigOk(key, String(rec.hash), String(rec.signature))) return fail("BAD_SIGNATURE");
      if (tree.root() !== h.root_hash) return anchor && anchor.provenBy === null ? fail("ANCHOR", anchor.line) : fail("ROOT_MISMATCH");
      if (anchor && anchor.provenBy === null) anchor.provenBy = h.tree_size;
      head = { hash: String(rec.hash), timestamp: h.timestamp };
      heads++;
      continue;
    }
    return fail("PARSE");
  }
  if (version === 0) return { ok: false, line: 1, code: "HEADER" };
  if (version === 2 && !anchor) return { ok: false, line: lines.length, code: "ANCHOR" };
  return { ok: true, version, firstSeq: (anchor?.size ?? 0) + 1, lastSeq: expected - 1, heads, frontierProvenBy: anchor?.provenBy ?? null };
}
