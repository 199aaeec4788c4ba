import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createPgPool } from "@/server/db/pg-pool";
import { createTestOrg, getTestDb, testDatabaseUrl } from "@/server/testing/db";
import { newId } from "@/server/db/ids";
import { toHex } from "./bytes";
import { MerkleAccumulator, leafHash } from "./merkle";
import { buildConsistencyProof, buildInclusionProof } from "./merkle-proof";
import { CHUNK, clearTreeCache, createTreeReader } from "./tree-reader";

/** Rows with random hashes: the reader only reads the hash column. */
async function seedHashes(orgId: string, n: number): Promise<Buffer[]> {
  const hashes = Array.from({ length: n }, () => randomBytes(32));
  const db = getTestDb();
  await db.$executeRaw`
    INSERT INTO "AuditEvent" ("id", "orgId", "seq", "ts", "requestId", "decision", "body", "hash", "prevHash")
    SELECT u.id, ${orgId}, u.seq, now(), 'r', 'ALLOW', '{}'::jsonb, u.hash, u.hash
    FROM unnest(${hashes.map(() => newId("aev"))}::text[], ${hashes.map((_, i) => String(i + 1))}::bigint[], ${hashes.map((h) => toHex(h))}::text[]) AS u(id, seq, hash)`;
  return hashes.map((h) => leafHash(h));
}

describe("createTreeReader (chunked RFC 6962 over the DB)", () => {
  it.each(["prisma", "pg pool"])("matches the in-memory reference for roots, inclusion and consistency proofs across chunk boundaries (%s)", async (mode) => {
    const pool = mode === "pg pool" ? createPgPool(testDatabaseUrl(), 2) : undefined;
    const { orgId } = await createTestOrg();
    const n = 2 * CHUNK + 555;
    const leaves = await seedHashes(orgId, n);
    const db = getTestDb();
    for (const size of [1, 2, 3, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, n]) {
      const reader = createTreeReader(db, orgId, { pool });
      expect(toHex(await reader.root(size))).toBe(buildInclusionProof(leaves, 0, size).root_hash);
    }
    const reader = createTreeReader(db, orgId, { pool });
    for (const [index, size] of [[0, 1], [0, n], [n - 1, n], [CHUNK, n], [CHUNK - 1, CHUNK + 7], [1500, 2 * CHUNK], [2100, 2100 + 1]] as const) {
      expect(await reader.inclusionProof(index, size)).toEqual(buildInclusionProof(leaves, index, size));
    }
    for (const [a, b] of [[0, n], [1, n], [CHUNK, n], [CHUNK + 3, 2 * CHUNK + 1], [700, 900], [n, n], [5, 3 * 1000]] as const) {
      if (b > n) continue;
      expect(await reader.consistencyProof(a, b)).toEqual(buildConsistencyProof(leaves, a, b));
    }
    // The compact range of a prefix, used to anchor range exports.
    for (const size of [0, 1, 5, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK + 3, n]) {
      const acc = new MerkleAccumulator();
      leaves.slice(0, size).forEach((l) => acc.appendLeafHash(l));
      expect((await reader.frontier(size)).map(toHex)).toEqual(acc.frontier().map(toHex));
    }
    clearTreeCache(orgId);
  });
});
