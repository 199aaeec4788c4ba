/**
 * RFC 6962 inclusion and consistency proofs: generation from the leaf hashes (§2.1.1,
 * §2.1.2) and verification with the iterative algorithms of RFC 9162 §2.1.3.2 and
 * §2.1.4.2, which never need the tree. Sizes stay below 2^53, so plain numbers with
 * division (not 32-bit bit operators) are exact.
 */
import { bytesEqual, fromHex, toHex, HASH_BYTES } from "./bytes";
import { EMPTY_ROOT, nodeHash, splitPoint, subtreeRoot } from "./merkle";

export type TInclusionProof = { leaf_index: number; tree_size: number; audit_path: string[]; root_hash: string };
export type TConsistencyProof = { first_size: number; second_size: number; proof: string[] };

/** PATH(m, D[n]) over leaf hashes; O(n) hashing, for provers holding the leaves. */
export function inclusionPath(leaves: readonly Uint8Array[], index: number, size = leaves.length): Buffer[] {
  if (!(index >= 0 && index < size && size <= leaves.length)) throw new RangeError("leaf index out of range");
  const path: Buffer[] = [];
  const walk = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n <= 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(m, start, start + k);
      path.push(subtreeRoot(leaves, start + k, end));
    } else {
      walk(m - k, start + k, end);
      path.push(subtreeRoot(leaves, start, start + k));
    }
  };
  walk(index, 0, size);
  return path;
}

export function buildInclusionProof(leaves: readonly Uint8Array[], index: number, size = leaves.length): TInclusionProof {
  return {
    leaf_index: index,
    tree_size: size,
    audit_path: inclusionPath(leaves, index, size).map(toHex),
    root_hash: toHex(subtreeRoot(leaves, 0, size)),
  };
}

/** PROOF(m, D[n]) = SUBPROOF(m, D[n], true) over leaf hashes. */
export function consistencyPath(leaves: readonly Uint8Array[], first: number, second = leaves.length): Buffer[] {
  if (!(first >= 0 && first <= second && second <= leaves.length)) throw new RangeError("bad tree sizes");
  if (first === 0 || first === second) return [];
  const proof: Buffer[] = [];
  const sub = (m: number, start: number, end: number, isComplete: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!isComplete) proof.push(subtreeRoot(leaves, start, end));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      sub(m, start, start + k, isComplete);
      proof.push(subtreeRoot(leaves, start + k, end));
    } else {
      sub(m - k, start + k, end, false);
      proof.push(subtreeRoot(leaves, start, start + k));
    }
  };
  sub(first, 0, second, true);
  return proof;
}

export function buildConsistencyProof(leaves: readonly Uint8Array[], first: number, second = leaves.length): TConsistencyProof {
  return { first_size: first, second_size: second, proof: consistencyPath(leaves, first, second).map(toHex) };
}

const isOdd = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);

// Math.log2 rounds near 2^53, and bit operators are 32-bit, so count up instead.
function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

/** RFC 9162 §2.1.3.2: recomputes the root from a leaf hash and its audit path. */
export function rootFromInclusionPath(index: number, size: number, leaf: Uint8Array, path: readonly Uint8Array[]): Buffer | null {
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size)) return null;
  if (leaf.length !== HASH_BYTES || path.some((p) => p.length !== HASH_BYTES)) return null;
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of path) {
    if (sn === 0) return null;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null;
}

export function verifyInclusion(index: number, size: number, leaf: Uint8Array, path: readonly Uint8Array[], root: Uint8Array): boolean {
  const computed = rootFromInclusionPath(index, size, leaf, path);
  return computed !== null && bytesEqual(computed, root);
}

/** Verifies a hex inclusion proof for a leaf hash (leafHash(eventHash) for events). */
export function verifyInclusionProof(proof: TInclusionProof, leaf: Uint8Array): boolean {
  try {
    const path = proof.audit_path.map((h) => fromHex(h, HASH_BYTES));
    return verifyInclusion(proof.leaf_index, proof.tree_size, leaf, path, fromHex(proof.root_hash, HASH_BYTES));
  } catch {
    return false;
  }
}

/** RFC 9162 §2.1.4.2: are root1 (size1) and root2 (size2) views of one append-only log? */
export function verifyConsistency(size1: number, size2: number, root1: Uint8Array, root2: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (!(Number.isSafeInteger(size1) && Number.isSafeInteger(size2) && size1 >= 0 && size1 <= size2)) return false;
  if (proof.some((p) => p.length !== HASH_BYTES)) return false;
  if (size1 === size2) return proof.length === 0 && bytesEqual(root1, root2);
  // The empty tree is a prefix of every tree; its root must still be the empty root.
  if (size1 === 0) return proof.length === 0 && bytesEqual(root1, EMPTY_ROOT);
  if (proof.length === 0) return false;
  const path = [...proof];
  if (isPowerOfTwo(size1)) path.unshift(Buffer.from(root1));
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(path[0] as Uint8Array);
  let sr: Buffer = Buffer.from(path[0] as Uint8Array);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(fr, root1) && bytesEqual(sr, root2);
}

export function verifyConsistencyProof(proof: TConsistencyProof, firstRoot: string, secondRoot: string): boolean {
  try {
    const path = proof.proof.map((h) => fromHex(h, HASH_BYTES));
    return verifyConsistency(proof.first_size, proof.second_size, fromHex(firstRoot, HASH_BYTES), fromHex(secondRoot, HASH_BYTES), path);
  } catch {
    return false;
  }
}
