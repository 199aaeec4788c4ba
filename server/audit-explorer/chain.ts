// A range of the raw signed chain plus the org's public key records, for the
// dashboard's in-browser verification (app/(dashboard)/[orgSlug]/audit/verify-chain.ts).
// Bounded so one request cannot pull the whole log.
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { badRequest } from "@/server/errors";
import { listKeyRecords } from "@/server/audit/signing-keys";
import { parseBody } from "./events";

export const MAX_CHAIN_EVENTS = 5_000;

export const ZAuditChainInput = z
  .object({
    /** Defaults to MAX_CHAIN_EVENTS before toSeq. */
    fromSeq: z.number().int().min(1).optional(),
    /** Defaults to the latest event. */
    toSeq: z.number().int().min(1).optional(),
  })
  .refine((r) => r.fromSeq === undefined || r.toSeq === undefined || (r.fromSeq <= r.toSeq && r.toSeq - r.fromSeq < MAX_CHAIN_EVENTS), {
    message: `fromSeq must not exceed toSeq, and a range holds at most ${MAX_CHAIN_EVENTS} events`,
    path: ["toSeq"],
  })
  .default({});

export async function getAuditChain(sdb: Db, db: Db, orgId: string, input: z.output<typeof ZAuditChainInput>) {
  const latest = await sdb.auditEvent.aggregate({ _max: { seq: true } });
  const latestSeq = Number(latest._max.seq ?? 0);
  const toSeq = Math.min(input.toSeq ?? latestSeq, latestSeq);
  const fromSeq = input.fromSeq ?? Math.max(1, toSeq - MAX_CHAIN_EVENTS + 1);
  if (toSeq - fromSeq + 1 > MAX_CHAIN_EVENTS) {
    throw badRequest(`at most ${MAX_CHAIN_EVENTS} events per request`, { field: "toSeq" });
  }
  const rows = toSeq >= fromSeq
    ? await sdb.auditEvent.findMany({
        where: { seq: { gte: BigInt(fromSeq), lte: BigInt(toSeq) } },
        orderBy: { seq: "asc" },
        select: { body: true, hash: true, keyId: true, signature: true },
      })
    : [];
  // The hash the first event must link to: the zero hash at seq 1, else the stored
  // previous event's hash (itself covered by that event's signature).
  const anchor = fromSeq > 1
    ? (await sdb.auditEvent.findFirst({ where: { seq: BigInt(fromSeq - 1) }, select: { hash: true } }))?.hash ?? null
    : null;
  return {
    fromSeq,
    toSeq,
    latestSeq,
    anchorHash: anchor,
    keys: await listKeyRecords(db, orgId),
    events: rows.map((r) => ({ event: parseBody(r.body), hash: r.hash, key_id: r.keyId, signature: r.signature })),
  };
}
