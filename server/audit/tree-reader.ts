/**
 * RFC 6962 roots and proofs over an org's stored events without loading the log.
 *
 * The log is append-only, so the root of every complete, aligned chunk of CHUNK
 * leaves never changes: those chunk roots are computed once per process (streamed
 * from the DB) and cached. Every subtree the RFC 6962 proof recursion asks for is
 * either CHUNK-aligned (built from chunk roots plus at most one partial chunk of
 * leaves) or lies inside one chunk, so a proof reads at most a few chunks of leaf
 * rows after the first call, and sealing a grown log reads only the new events.
 */
import type pg from "pg";
import type { Db } from "@/server/db/client";
import { fromHex, toHex } from "./bytes";
import { EMPTY_ROOT, frontierRanges, leafHash, nodeHash, splitPoint } from "./merkle";
import type { TConsistencyProof, TInclusionProof } from "./merkle-proof";
import { streamLeafHashes } from "./store";

export const CHUNK = 1024;
const ORG_CACHE_LIMIT = 256;
const chunkCache = new Map<string, Buffer[]>();

/** A perfect subtree root with its leaf count; pushed largest first, like MerkleAccumulator. */
class SubtreeStack {
  private readonly stack: { hash: Buffer; size: number }[] = [];
  push(hash: Buffer, size: number): void {
    let h = hash;
    let s = size;
    for (let top = this.stack[this.stack.length - 1]; top && top.size === s; top = this.stack[this.stack.length - 1]) {
      this.stack.pop();
      h = nodeHash(top.hash, h);
      s *= 2;
    }
    this.stack.push({ hash: h, size: s });
  }
  root(): Buffer {
    const last = this.stack[this.stack.length - 1];
    if (!last) return Buffer.from(EMPTY_ROOT);
    let acc = last.hash;
    for (let i = this.stack.length - 2; i >= 0; i--) acc = nodeHash((this.stack[i] as { hash: Buffer }).hash, acc);
    return acc;
  }
}

function rootOfLeaves(leaves: readonly Buffer[]): Buffer {
  const s = new SubtreeStack();
  for (const l of leaves) s.push(l, 1);
  return s.root();
}

export type TTreeReader = {
  /** MTH of the first `size` events. */
  root(size: number): Promise<Buffer>;
  /**
   * Compact range of the first `size` events (the anchor of a range export): roots of
   * the maximal complete subtrees, largest first. Subtrees of >= CHUNK leaves are
   * CHUNK-aligned and come from cached chunk roots; smaller ones lie inside one chunk.
   */
  frontier(size: number): Promise<Buffer[]>;
  inclusionProof(index: number, size: number): Promise<TInclusionProof>;
  consistencyProof(first: number, second: number): Promise<TConsistencyProof>;
};

export function createTreeReader(db: Db, orgId: string, opts: { pool?: pg.Pool } = {}): TTreeReader {
  const leafChunks = new Map<number, Buffer[]>();

  /** Leaves [c*CHUNK, min((c+1)*CHUNK, limit)), memoized for this reader. */
  const chunkLeaves = async (c: number, limit: number): Promise<Buffer[]> => {
    const start = c * CHUNK;
    const end = Math.min(start + CHUNK, limit);
    const have = leafChunks.get(c);
    if (have && have.length >= end - start) return have.slice(0, end - start);
    const out: Buffer[] = [];
    for await (const batch of streamLeafHashes(db, orgId, start, end, CHUNK, opts.pool)) out.push(...batch);
    leafChunks.set(c, out);
    return out;
  };

  const leaves = async (start: number, end: number): Promise<Buffer[]> => {
    const out: Buffer[] = [];
    for (let c = Math.floor(start / CHUNK); c * CHUNK < end; c++) {
      const chunk = await chunkLeaves(c, end);
      const from = Math.max(start, c * CHUNK) - c * CHUNK;
      out.push(...chunk.slice(from, end - c * CHUNK));
    }
    return out;
  };

  /** Roots of complete chunks 0..count-1, extending the process-wide cache by streaming. */
  const chunkRoots = async (count: number): Promise<Buffer[]> => {
    let roots = chunkCache.get(orgId);
    if (!roots) {
      if (chunkCache.size >= ORG_CACHE_LIMIT) {
        const oldest = chunkCache.keys().next().value;
        if (oldest !== undefined) chunkCache.delete(oldest);
      }
      roots = [];
      chunkCache.set(orgId, roots);
    }
    if (roots.length < count) {
      let pending: Buffer[] = [];
      for await (const batch of streamLeafHashes(db, orgId, roots.length * CHUNK, count * CHUNK, 64 * CHUNK, opts.pool)) {
        pending = pending.length ? pending.concat(batch) : batch;
        let i = 0;
        for (; i + CHUNK <= pending.length; i += CHUNK) roots.push(rootOfLeaves(pending.slice(i, i + CHUNK)));
        pending = pending.slice(i);
      }
    }
    return roots.slice(0, count);
  };

  const rangeRoot = async (start: number, end: number): Promise<Buffer> => {
    if (end - start >= CHUNK && start % CHUNK === 0) {
      const firstChunk = start / CHUNK;
      const fullEnd = Math.floor(end / CHUNK);
      const stack = new SubtreeStack();
      const roots = await chunkRoots(fullEnd);
      for (let c = firstChunk; c < fullEnd; c++) stack.push(roots[c] as Buffer, CHUNK);
      for (const l of await leaves(fullEnd * CHUNK, end)) stack.push(l, 1);
      return stack.root();
    }
    return rootOfLeaves(await leaves(start, end));
  };

  return {
    root: (size) => (size === 0 ? Promise.resolve(Buffer.from(EMPTY_ROOT)) : rangeRoot(0, size)),

    async frontier(size) {
      if (!(Number.isSafeInteger(size) && size >= 0)) throw new RangeError("bad tree size");
      const out: Buffer[] = [];
      for (const [start, end] of frontierRanges(size)) out.push(await rangeRoot(start, end));
      return out;
    },

    async inclusionProof(index, size) {
      if (!(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size)) throw new RangeError("leaf index out of range");
      const path: Buffer[] = [];
      // RFC 6962 §2.1.1 PATH(m, D[n]), iterative descent; siblings collected top-down, emitted bottom-up.
      let m = index;
      let start = 0;
      let end = size;
      while (end - start > 1) {
        const k = splitPoint(end - start);
        if (m < k) {
          path.push(await rangeRoot(start + k, end));
          end = start + k;
        } else {
          path.push(await rangeRoot(start, start + k));
          start += k;
          m -= k;
        }
      }
      path.reverse();
      return { leaf_index: index, tree_size: size, audit_path: path.map(toHex), root_hash: toHex(await rangeRoot(0, size)) };
    },

    async consistencyProof(first, second) {
      if (!(Number.isSafeInteger(first) && Number.isSafeInteger(second) && first >= 0 && first <= second)) throw new RangeError("bad tree sizes");
      const proof: Buffer[] = [];
      if (first > 0 && first < second) {
        // RFC 6962 §2.1.2 SUBPROOF(m, D[n], true), iterative; same top-down/bottom-up reversal.
        let m = first;
        let start = 0;
        let end = second;
        let complete = true;
        while (m !== end - start) {
          const k = splitPoint(end - start);
          if (m <= k) {
            proof.push(await rangeRoot(start + k, end));
            end = start + k;
          } else {
            proof.push(await rangeRoot(start, start + k));
            start += k;
            m -= k;
            complete = false;
          }
        }
        if (!complete) proof.push(await rangeRoot(start, end));
        proof.reverse();
      }
      return { first_size: first, second_size: second, proof: proof.map(toHex) };
    },
  };
}

/** The leaf hash of a stored event hash (hex), for checking proofs. */
export const leafOfEventHash = (hashHex: string): Buffer => leafHash(fromHex(hashHex, 32));

/** Forgets cached chunk roots (tests that rebuild a database under the same org id). */
export function clearTreeCache(orgId?: string): void {
  if (orgId) chunkCache.delete(orgId);
  else chunkCache.clear();
}
