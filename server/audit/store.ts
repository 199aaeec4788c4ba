/**
 * Readers over the org's stored trail, streamed by seq ranges so a million events
 * never sit in memory at once and every query uses the (orgId, seq) unique index.
 */
import type pg from "pg";
import type { Db } from "@/server/db/client";
import { forOrg } from "@/server/db/scoped";
import { fromHex, toHex } from "./bytes";
import { ZAuditEventBody, type TSignedAuditEvent } from "./event";
import { ZTreeHeadBody, hashTreeHead, type TSignedTreeHead } from "./tree-head";
import { leafHash } from "./merkle";

export const READ_BATCH = 20_000;

/** Events with fromSeq <= seq <= toSeq in seq order (bodies as stored, re-validated). */
export async function* streamSignedEvents(db: Db, orgId: string, range: { fromSeq?: number; toSeq: number }, batch = READ_BATCH): AsyncGenerator<TSignedAuditEvent> {
  const scoped = forOrg(db, orgId);
  for (let from = range.fromSeq ?? 1; from <= range.toSeq; from += batch) {
    const to = Math.min(range.toSeq, from + batch - 1);
    const rows = await scoped.auditEvent.findMany({
      where: { orgId, seq: { gte: BigInt(from), lte: BigInt(to) } },
      orderBy: { seq: "asc" },
      select: { body: true, hash: true, keyId: true, signature: true },
    });
    for (const r of rows) {
      yield { event: ZAuditEventBody.parse(r.body), hash: r.hash, key_id: r.keyId ?? "", signature: r.signature ?? "" };
    }
  }
}

/**
 * RFC 6962 leaf hashes of seq (start+1)..end, i.e. leaf indexes [start, end), in order.
 * Only the hash column is read, as text through plain pg when a pool is given (the
 * ORM's row mapping was most of the client CPU of a 1M-event seal), and the next batch
 * is already being fetched while the caller hashes the current one.
 */
export async function* streamLeafHashes(db: Db, orgId: string, start: number, end: number, batch = 50_000, pool?: pg.Pool): AsyncGenerator<Buffer[]> {
  const text = `SELECT "hash" FROM "AuditEvent" WHERE "orgId" = $1 AND "seq" > $2 AND "seq" <= $3 ORDER BY "seq"`;
  const fetch = async (from: number, to: number): Promise<Buffer[]> => {
    const rows = pool
      ? (await pool.query<{ hash: string }>(text, [orgId, String(from), String(to)])).rows
      : await db.$queryRawUnsafe<{ hash: string }[]>(text, orgId, BigInt(from), BigInt(to));
    if (rows.length !== to - from) throw new Error(`audit log of org ${orgId} has a gap between seq ${from + 1} and ${to}`);
    return rows.map((r) => leafHash(fromHex(r.hash, 32)));
  };
  let next: Promise<Buffer[]> | null = start < end ? fetch(start, Math.min(end, start + batch)) : null;
  for (let from = start; next; from += batch) {
    const current = next;
    const following = from + batch;
    next = following < end ? fetch(following, Math.min(end, following + batch)) : null;
    // Keep a failed read-ahead from becoming an unhandled rejection if the caller stops early.
    next?.catch(() => undefined);
    yield await current;
  }
}

/** A stored head; its own hash is not a column, it is recomputed from the body. */
export function toSignedTreeHead(row: { body: unknown; signature: string; keyId: string }): TSignedTreeHead {
  const tree_head = ZTreeHeadBody.parse(row.body);
  return { tree_head, hash: toHex(hashTreeHead(tree_head)), key_id: row.keyId, signature: row.signature };
}

/** The org's tree heads in chain order (tree_size ascending), optionally with minSize <= tree_size <= maxSize. */
export async function listTreeHeads(db: Db, orgId: string, maxSize?: number, minSize?: number): Promise<TSignedTreeHead[]> {
  const rows = await forOrg(db, orgId).treeHead.findMany({
    where: {
      orgId,
      ...(maxSize !== undefined || minSize !== undefined
        ? { treeSize: { ...(maxSize !== undefined ? { lte: BigInt(maxSize) } : {}), ...(minSize !== undefined ? { gte: BigInt(minSize) } : {}) } }
        : {}),
    },
    orderBy: { treeSize: "asc" },
    select: { body: true, signature: true, keyId: true },
  });
  return rows.map(toSignedTreeHead);
}

export async function latestTreeHead(db: Db, orgId: string): Promise<TSignedTreeHead | null> {
  const row = await forOrg(db, orgId).treeHead.findFirst({
    where: { orgId },
    orderBy: { treeSize: "desc" },
    select: { body: true, signature: true, keyId: true },
  });
  return row ? toSignedTreeHead(row) : null;
}
