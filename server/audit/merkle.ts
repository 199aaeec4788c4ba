/**
 * RFC 6962 (Certificate Transparency) Merkle tree hashing over an org's events.
 *
 * leaf = SHA-256(0x00 || data), node = SHA-256(0x01 || left || right), the empty tree's
 * root is SHA-256(""). For audit events `data` is the 32-byte event hash, and the
 * leaf index of an event is seq - 1. Proof generation lives in merkle-proof.ts.
 */
import { hash } from "node:crypto";
import { HASH_BYTES } from "./bytes";

// Reused scratch buffers: the 1M-event root does 2M hashes, allocation would dominate.
const leafScratch = Buffer.alloc(1 + HASH_BYTES);
const nodeScratch = Buffer.alloc(1 + 2 * HASH_BYTES);
nodeScratch[0] = 0x01;

export const EMPTY_ROOT: Buffer = hash("sha256", Buffer.alloc(0), "buffer");

export function leafHash(data: Uint8Array): Buffer {
  if (data.length === HASH_BYTES) {
    leafScratch[0] = 0x00;
    leafScratch.set(data, 1);
    return hash("sha256", leafScratch, "buffer");
  }
  return hash("sha256", Buffer.concat([Buffer.of(0x00), data]), "buffer");
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  nodeScratch.set(left, 1);
  nodeScratch.set(right, 1 + HASH_BYTES);
  return hash("sha256", nodeScratch, "buffer");
}

/**
 * Streaming root in O(log n) memory: keeps the roots of the perfect subtrees that
 * make up the tree so far (a "compact range"), largest first.
 */
export class MerkleAccumulator {
  private readonly stack: Uint8Array[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Appends an already leaf-hashed value (leafHash(eventHash)); the bytes are kept, not copied. */
  appendLeafHash(leaf: Uint8Array): void {
    let node: Uint8Array = leaf;
    // Each trailing 1-bit of the old size is a complete subtree to merge with.
    for (let n = this.count; n % 2 === 1; n = Math.floor(n / 2)) {
      const left = this.stack.pop();
      if (!left) throw new Error("merkle stack underflow");
      node = nodeHash(left, node);
    }
    this.stack.push(node);
    this.count++;
  }

  append(data: Uint8Array): void {
    this.appendLeafHash(leafHash(data));
  }

  /**
   * An accumulator that continues a tree of `size` leaves it never saw, from that tree's
   * compact range: the roots of its maximal complete subtrees, largest (leftmost) first,
   * one per 1-bit of `size` (docs/audit-format.md §8.1). This is exactly the state the
   * accumulator keeps, so appending and root() then behave as if it had read the leaves.
   */
  static fromFrontier(size: number, frontier: readonly Uint8Array[]): MerkleAccumulator {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError("bad tree size");
    if (frontier.length !== frontierLength(size)) throw new RangeError(`a tree of size ${size} has a frontier of ${frontierLength(size)} hashes, got ${frontier.length}`);
    const acc = new MerkleAccumulator();
    for (const node of frontier) {
      if (node.length !== HASH_BYTES) throw new RangeError("frontier hashes are 32 bytes");
      acc.stack.push(node);
    }
    acc.count = size;
    return acc;
  }

  /** The compact range of the leaves so far (see fromFrontier); copies of the hashes. */
  frontier(): Buffer[] {
    return this.stack.map((node) => Buffer.from(node));
  }

  /** RFC 6962 MTH: smaller right-hand subtrees combine first, hence the right-to-left fold. */
  root(): Buffer {
    const last = this.stack[this.stack.length - 1];
    if (!last) return Buffer.from(EMPTY_ROOT);
    let acc: Buffer = Buffer.from(last);
    for (let i = this.stack.length - 2; i >= 0; i--) acc = nodeHash(this.stack[i] as Uint8Array, acc);
    return acc;
  }
}

/** Root over leaf hashes[start, end). Recursive definition, used by proof generation. */
export function subtreeRoot(leaves: readonly Uint8Array[], start: number, end: number): Buffer {
  const acc = new MerkleAccumulator();
  for (let i = start; i < end; i++) acc.appendLeafHash(leaves[i] as Uint8Array);
  return acc.root();
}

/** Root over a list of raw leaf data (RFC 6962 MTH(D[n])). */
export function merkleRoot(data: readonly Uint8Array[]): Buffer {
  const acc = new MerkleAccumulator();
  for (const d of data) acc.append(d);
  return acc.root();
}

/** Number of hashes in the compact range of a tree of `size` leaves: the 1-bits of size. */
export function frontierLength(size: number): number {
  let bits = 0;
  for (let n = size; n > 0; n = Math.floor(n / 2)) bits += n % 2;
  return bits;
}

/**
 * [start, end) leaf ranges of the maximal complete subtrees of a tree of `size` leaves,
 * largest first: one subtree of 2^k leaves per 1-bit k of size, left to right.
 */
export function frontierRanges(size: number): [number, number][] {
  const ranges: [number, number][] = [];
  let top = 1;
  while (top * 2 <= size) top *= 2;
  let start = 0;
  for (let width = top; width >= 1; width /= 2) {
    if (size - start >= width) {
      ranges.push([start, start + width]);
      start += width;
    }
  }
  return ranges;
}

/** Largest power of two strictly smaller than n (n >= 2), the RFC 6962 split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
