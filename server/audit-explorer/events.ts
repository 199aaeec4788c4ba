// Reading the org's audit trail for the explorer: a seq-descending page of
// summaries, and one event with its flight record and its inclusion receipt.
// Every query goes through the scoped client (forOrg); getReceipt scopes itself.
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { AegisError, notFound } from "@/server/errors";
import { ZAuditEventBody, type TAuditEventBody } from "@/server/audit";
import { getReceipt } from "@/server/audit/http";
import { listKeyRecords } from "@/server/audit/signing-keys";
import { auditWhere, ZAuditFilters } from "./filters";
import { readFlight } from "./flight";

export const ZListAuditInput = z.object({
  filters: ZAuditFilters.optional(),
  /** The seq of the last row of the previous page; the next page starts below it. */
  cursor: z.number().int().min(1).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type TListAuditInput = z.input<typeof ZListAuditInput>;

const SUMMARY_SELECT = { seq: true, ts: true, requestId: true, decision: true, agent: true, upstream: true, body: true, flight: true } as const;

type TRow = { seq: bigint; ts: Date; requestId: string; decision: string; agent: string | null; upstream: string | null; body: unknown; flight: unknown };

/** The stored body, parsed; stored bodies were validated when signed, so a failure is a corrupt row. */
export function parseBody(raw: unknown): TAuditEventBody {
  const parsed = ZAuditEventBody.safeParse(raw);
  if (!parsed.success) throw new Error("stored audit body does not match the event schema");
  return parsed.data;
}

export function toSummary(row: TRow) {
  const body = parseBody(row.body);
  const flight = readFlight(row.flight);
  return {
    seq: Number(row.seq),
    ts: row.ts,
    requestId: row.requestId,
    decision: row.decision,
    agent: row.agent,
    upstream: row.upstream,
    action: "action" in body ? body.action : null,
    stage: body.stage,
    ruleIds: body.rule_ids,
    findings: body.findings,
    risk: flight.risk,
    latencyUs: body.latency_us,
    method: flight.method,
    path: flight.path,
  };
}
export type TAuditSummary = ReturnType<typeof toSummary>;

export async function findAuditEvents(sdb: Db, input: z.output<typeof ZListAuditInput>) {
  const where = auditWhere(input.filters);
  const rows = await sdb.auditEvent.findMany({
    where: input.cursor ? { AND: [where, { seq: { lt: BigInt(input.cursor) } }] } : where,
    orderBy: { seq: "desc" },
    take: input.limit + 1,
    select: SUMMARY_SELECT,
  });
  const page = rows.slice(0, input.limit).map(toSummary);
  const last = page[page.length - 1];
  return { items: page, nextCursor: rows.length > input.limit && last ? last.seq : null };
}

export type TReceipt =
  | { status: "sealed"; receipt: Awaited<ReturnType<typeof getReceipt>> }
  | { status: "not_sealed"; message: string; latestTreeSize: number };

/** One event by request id (the first one if a request was recorded twice), with its receipt. */
export async function getAuditEventOrThrow(sdb: Db, db: Db, orgId: string, requestId: string) {
  const row = await sdb.auditEvent.findFirst({
    where: { requestId },
    orderBy: { seq: "asc" },
    select: { ...SUMMARY_SELECT, hash: true, prevHash: true, signature: true, keyId: true },
  });
  if (!row) throw notFound("Audit event");
  let receipt: TReceipt;
  try {
    receipt = { status: "sealed", receipt: await getReceipt(db, orgId, requestId) };
  } catch (err) {
    if (!(err instanceof AegisError) || err.details.reason !== "not_sealed") throw err;
    receipt = { status: "not_sealed", message: err.message, latestTreeSize: Number(err.details.latest_tree_size ?? 0) };
  }
  return {
    summary: toSummary(row),
    signed: { event: parseBody(row.body), hash: row.hash, key_id: row.keyId, signature: row.signature },
    flight: readFlight(row.flight),
    receipt,
    /** The org's public keys, so the browser can check the signature and the receipt itself. */
    keys: await listKeyRecords(db, orgId),
  };
}
