/**
 * Sealing: the org key signs an RFC 6962 tree head over all events so far, chained to
 * the previous head (docs/audit-format.md §7).
 *
 * The root is computed outside any transaction (tree-reader streams leaf hashes by seq
 * range and caches complete chunks, so 1M events take seconds once and a grown log
 * only reads the new events). The head is then written under the org's AuditHead row
 * lock, which serializes sealers with each other and with key creation; a sealer that
 * finds a head at least as large already stored does nothing.
 */
import type pg from "pg";
import type { Db } from "@/server/db/client";
import type { TKeyring } from "@/server/crypto/envelope";
import { newId } from "@/server/db/ids";
import { forOrg } from "@/server/db/scoped";
import { toHex } from "./bytes";
import { createLocalSigner } from "./event";
import { signTreeHead, type TSignedTreeHead } from "./tree-head";
import { lockAuditHead, resolveSigningKey } from "./signing-keys";
import { prismaSql } from "./sql";
import { latestTreeHead, toSignedTreeHead } from "./store";
import { createTreeReader } from "./tree-reader";

export type TSealResult =
  | { status: "sealed"; treeHead: TSignedTreeHead; ms: number }
  | { status: "unchanged"; treeHead: TSignedTreeHead | null; ms: number };

export async function sealAuditLog(db: Db, orgId: string, opts: { kek: TKeyring; now?: () => Date; pool?: pg.Pool }): Promise<TSealResult> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const scoped = forOrg(db, orgId);
  const head = await scoped.auditHead.findFirst({ where: { orgId }, select: { seq: true } });
  const size = head ? Number(head.seq) : 0;
  const latest = await latestTreeHead(db, orgId);
  if (size === 0 || (latest && latest.tree_head.tree_size >= size)) return { status: "unchanged", treeHead: latest, ms: ms() };

  const rootHash = toHex(await createTreeReader(db, orgId, { pool: opts.pool }).root(size));
  return scoped.$transaction(
    async (tx) => {
      const locked = await lockAuditHead(prismaSql(tx), orgId);
      const { key, validFrom } = await resolveSigningKey(prismaSql(tx), orgId, locked.currentKeyId, opts.kek);
      const prevRow = await tx.treeHead.findFirst({ where: { orgId }, orderBy: { treeSize: "desc" }, select: { body: true, signature: true, keyId: true } });
      const prev = prevRow ? toSignedTreeHead(prevRow) : null;
      if (prev && prev.tree_head.tree_size >= size) return { status: "unchanged" as const, treeHead: prev, ms: ms() };
      // Never earlier than the key's validity or the previous head (heads' timestamps never decrease).
      const at = Math.max((opts.now ?? (() => new Date()))().getTime(), validFrom.getTime(), prev ? Date.parse(prev.tree_head.timestamp) : 0);
      const signed = signTreeHead({ org: orgId, treeSize: size, rootHash, timestamp: new Date(at).toISOString(), prev }, createLocalSigner(key));
      await tx.treeHead.create({
        data: {
          id: newId("sth"),
          orgId,
          treeSize: BigInt(size),
          rootHash,
          prevHash: signed.tree_head.prev_head_hash,
          body: signed.tree_head,
          signature: signed.signature,
          keyId: signed.key_id,
        },
      });
      return { status: "sealed" as const, treeHead: signed, ms: ms() };
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}

/** Orgs whose log grew since their latest tree head (what the daily job seals). */
export async function findOrgsToSeal(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<{ orgId: string }[]>`
    SELECT h."orgId" FROM "AuditHead" h
    WHERE h."seq" > COALESCE((SELECT max(t."treeSize") FROM "TreeHead" t WHERE t."orgId" = h."orgId"), 0)
    ORDER BY h."orgId"`;
  return rows.map((r) => r.orgId);
}
