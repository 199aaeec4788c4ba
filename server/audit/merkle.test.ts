import { describe, expect, it } from "vitest";
import { fromHex, toHex } from "./bytes";
import { EMPTY_ROOT, MerkleAccumulator, frontierLength, frontierRanges, leafHash, merkleRoot, subtreeRoot } from "./merkle";
import { consistencyPath, inclusionPath, verifyConsistency, verifyInclusion } from "./merkle-proof";

// RFC 6962 reference vectors as published in transparency-dev/merkle (testonly, proof/verify_test.go).
const LEAVES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map((h) => fromHex(h));
const ROOTS = [
  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];
// leaf is 1-based in the published table; our API is 0-based.
const INCLUSION = [
  { leaf: 1, size: 8, path: ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"] },
  { leaf: 6, size: 8, path: ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
  { leaf: 3, size: 3, path: ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"] },
  { leaf: 2, size: 5, path: ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"] },
  { leaf: 1, size: 1, path: [] },
];
const CONSISTENCY = [
  { size1: 1, size2: 1, proof: [] },
  { size1: 1, size2: 8, proof: ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"] },
  { size1: 6, size2: 8, proof: ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
  { size1: 2, size2: 5, proof: ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"] },
  { size1: 6, size2: 7, proof: ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
];
const LEAF_HASHES = LEAVES.map(leafHash);
const root = (n: number) => fromHex(ROOTS[n] ?? "");
const flip = (b: Buffer) => {
  const c = Buffer.from(b);
  c[0] = (c[0] ?? 0) ^ 8;
  return c;
};

describe("RFC 6962 Merkle tree hash", () => {
  it("computes every reference root for sizes 0..8, batch and streaming", () => {
    expect(toHex(EMPTY_ROOT)).toBe(ROOTS[0]);
    const acc = new MerkleAccumulator();
    for (let n = 1; n <= 8; n++) {
      acc.append(LEAVES[n - 1] as Buffer);
      expect(toHex(acc.root())).toBe(ROOTS[n]);
      expect(toHex(merkleRoot(LEAVES.slice(0, n)))).toBe(ROOTS[n]);
    }
  });
});

describe("compact range (frontier) of a prefix", () => {
  it("has one subtree root per 1-bit of the size, and seeding from it continues the tree exactly", () => {
    expect(frontierRanges(13)).toEqual([[0, 8], [8, 12], [12, 13]]);
    expect(frontierRanges(0)).toEqual([]);
    expect(frontierRanges(8)).toEqual([[0, 8]]);
    expect(frontierLength(2 ** 40 + 5)).toBe(3);
    const leaves = Array.from({ length: 40 }, (_, i) => leafHash(Buffer.of(i)));
    for (let prefix = 0; prefix <= 40; prefix++) {
      const acc = new MerkleAccumulator();
      leaves.slice(0, prefix).forEach((l) => acc.appendLeafHash(l));
      const frontier = acc.frontier();
      expect(frontier.map(toHex)).toEqual(frontierRanges(prefix).map(([a, b]) => toHex(subtreeRoot(leaves, a, b))));
      const seeded = MerkleAccumulator.fromFrontier(prefix, frontier);
      for (let n = prefix; n < 40; n++) {
        expect(toHex(seeded.root())).toBe(toHex(subtreeRoot(leaves, 0, n)));
        seeded.appendLeafHash(leaves[n] as Buffer);
      }
      expect(toHex(seeded.root())).toBe(toHex(subtreeRoot(leaves, 0, 40)));
    }
    expect(() => MerkleAccumulator.fromFrontier(3, [leaves[0] as Buffer])).toThrow(/frontier of 2/);
  });
});

describe("inclusion proofs", () => {
  for (const v of INCLUSION) {
    it(`leaf ${v.leaf} of ${v.size}: generated path equals the vector and verifies`, () => {
      const path = inclusionPath(LEAF_HASHES, v.leaf - 1, v.size);
      expect(path.map(toHex)).toEqual(v.path);
      const leaf = LEAF_HASHES[v.leaf - 1] as Buffer;
      expect(verifyInclusion(v.leaf - 1, v.size, leaf, path, root(v.size))).toBe(true);
      // Corruptions in the style of transparency-dev's corruptInclusionProof.
      expect(verifyInclusion(v.leaf, v.size, leaf, path, root(v.size))).toBe(false);
      expect(verifyInclusion(v.leaf - 1, v.size * 2, leaf, path, root(v.size))).toBe(false);
      expect(verifyInclusion(v.leaf - 1, v.size, leafHash(Buffer.from("WrongLeaf")), path, root(v.size))).toBe(false);
      expect(verifyInclusion(v.leaf - 1, v.size, leaf, path, EMPTY_ROOT)).toBe(false);
      expect(verifyInclusion(v.leaf - 1, v.size, leaf, [...path, root(v.size)], root(v.size))).toBe(false);
      expect(verifyInclusion(v.leaf - 1, v.size, leaf, [root(v.size), ...path], root(v.size))).toBe(false);
      path.forEach((_, i) => {
        const bad = path.map((p, j) => (j === i ? flip(p) : p));
        expect(verifyInclusion(v.leaf - 1, v.size, leaf, bad, root(v.size))).toBe(false);
      });
      if (path.length > 0) expect(verifyInclusion(v.leaf - 1, v.size, leaf, path.slice(0, -1), root(v.size))).toBe(false);
    });
  }

  it("every leaf of every tree up to 8 round-trips", () => {
    for (let n = 1; n <= 8; n++) {
      for (let i = 0; i < n; i++) {
        expect(verifyInclusion(i, n, LEAF_HASHES[i] as Buffer, inclusionPath(LEAF_HASHES, i, n), root(n))).toBe(true);
      }
    }
  });

  it("rejects out-of-range indexes", () => {
    expect(verifyInclusion(0, 0, LEAF_HASHES[0] as Buffer, [], EMPTY_ROOT)).toBe(false);
    expect(verifyInclusion(2, 1, LEAF_HASHES[0] as Buffer, [], root(1))).toBe(false);
  });
});

describe("consistency proofs", () => {
  for (const v of CONSISTENCY) {
    it(`${v.size1} -> ${v.size2}: generated proof equals the vector and verifies`, () => {
      const proof = consistencyPath(LEAF_HASHES, v.size1, v.size2);
      expect(proof.map(toHex)).toEqual(v.proof);
      expect(verifyConsistency(v.size1, v.size2, root(v.size1), root(v.size2), proof)).toBe(true);
      if (proof.length === 0) return;
      expect(verifyConsistency(v.size1 - 1, v.size2, root(v.size1), root(v.size2), proof)).toBe(false);
      expect(verifyConsistency(v.size1 + 1, v.size2, root(v.size1), root(v.size2), proof)).toBe(false);
      expect(verifyConsistency(v.size1, v.size2 * 2, root(v.size1), root(v.size2), proof)).toBe(false);
      expect(verifyConsistency(v.size1, v.size2, root(v.size2), root(v.size1), proof)).toBe(false);
      expect(verifyConsistency(v.size1, v.size2, root(v.size1), root(v.size2), [])).toBe(false);
      expect(verifyConsistency(v.size1, v.size2, root(v.size1), root(v.size2), [...proof, root(v.size1)])).toBe(false);
      expect(verifyConsistency(v.size1, v.size2, root(v.size1), root(v.size2), proof.slice(0, -1))).toBe(false);
      proof.forEach((_, i) => {
        const bad = proof.map((p, j) => (j === i ? flip(p) : p));
        expect(verifyConsistency(v.size1, v.size2, root(v.size1), root(v.size2), bad)).toBe(false);
      });
    });
  }

  it("every pair of sizes up to 8 round-trips; shrinking never verifies", () => {
    for (let n = 0; n <= 8; n++) {
      for (let m = 0; m <= n; m++) {
        expect(verifyConsistency(m, n, root(m), root(n), consistencyPath(LEAF_HASHES, m, n))).toBe(true);
      }
    }
    expect(verifyConsistency(5, 4, root(5), root(4), [])).toBe(false);
    expect(verifyConsistency(0, 3, root(1), root(3), [])).toBe(false);
  });
});
