// Decisions that need a human. The gateway creates a pending Approval on
// ESCALATE (stages/05-decide.ts); owners and admins approve or deny it here (app
// and CLI). Approving yields a signed intent (server/intents) that lets exactly
// the approved call through once within INTENT_TTL_MS. The decision and its
// ActivityEvent are written in one transaction; a concurrent second decision
// finds the row no longer pending and gets CONFLICT.
import { z } from "zod";
import type { Db } from "@/server/db/client";
import type { TKeyring } from "@/server/crypto/envelope";
import { conflict, notFound } from "@/server/errors";
import { recordActivity } from "@/server/orgs/activity";
import { getIntentSigner } from "@/server/intents/intent-keys";
import { INTENT_TTL_MS, signIntent } from "@/server/intents/intent-token";
import { describeSubject, subjectHash } from "@/server/intents/subject";

export const ZApprovalStatus = z.enum(["pending", "approved", "denied", "expired", "used"]);
export const ZListApprovalsInput = z.object({ status: ZApprovalStatus.optional(), limit: z.number().int().min(1).max(200).default(50) }).default({ limit: 50 });
export const ZDecideApprovalInput = z.object({
  approvalId: z.string().min(1).max(64),
  decision: z.enum(["approve", "deny"]),
  note: z.string().max(500).optional(),
});
export type TDecideApprovalInput = z.infer<typeof ZDecideApprovalInput>;

type ApprovalRow = NonNullable<Awaited<ReturnType<Db["approval"]["findFirst"]>>>;

function present(a: ApprovalRow, now: number) {
  const status = a.status === "pending" && a.expiresAt.getTime() <= now ? "expired" : a.status;
  return {
    id: a.id, requestId: a.requestId, status, agent: a.agent, summary: describeSubject(a.subject),
    subject: a.subject, reason: a.reason, decidedBy: a.decidedBy, decidedAt: a.decidedAt,
    createdAt: a.createdAt, expiresAt: a.expiresAt, intentExpiresAt: a.intentExpiresAt, usedAt: a.usedAt,
  };
}

export async function listApprovals(sdb: Db, input: z.infer<typeof ZListApprovalsInput>, now = Date.now()) {
  const at = new Date(now);
  const where =
    input.status === "pending" ? { status: "pending" as const, expiresAt: { gt: at } }
    : input.status === "expired" ? { OR: [{ status: "expired" as const }, { status: "pending" as const, expiresAt: { lte: at } }] }
    : input.status ? { status: input.status } : {};
  const rows = await sdb.approval.findMany({ where, orderBy: { createdAt: "desc" }, take: input.limit });
  return rows.map((r) => present(r, now));
}

export async function getApprovalOrThrow(sdb: Db, approvalId: string, now = Date.now()) {
  const row = await sdb.approval.findFirst({ where: { id: approvalId } });
  if (!row) throw notFound(`Approval "${approvalId}"`);
  return present(row, now);
}

export type TDecision = { id: string; status: "approved" | "denied"; intent: string | null; intentExpiresAt: Date | null; summary: string };

export async function decideApproval(
  sdb: Db,
  keyring: TKeyring,
  /** actorId null: an operator at the CLI (recorded as approver "cli"). */
  p: { orgId: string; actorId: string | null; input: TDecideApprovalInput; now?: number },
): Promise<TDecision> {
  const now = p.now ?? Date.now();
  const approver = p.actorId ?? "cli";
  const approve = p.input.decision === "approve";
  // The key exists before the decision commits, so an approval never lacks its intent.
  const signer = approve ? await getIntentSigner(sdb, keyring, p.orgId) : null;
  const decided = await sdb.$transaction(async (tx) => {
    const row = await tx.approval.findFirst({ where: { id: p.input.approvalId } });
    if (!row) throw notFound(`Approval "${p.input.approvalId}"`);
    // Expiry is computed on read (present/listApprovals), so nothing needs writing here.
    if (row.status === "pending" && row.expiresAt.getTime() <= now) throw conflict("This approval request expired; the agent must ask again");
    if (row.status !== "pending") throw conflict(`This approval was already ${row.status}`);
    const intentExpiresAt = approve ? new Date(now + INTENT_TTL_MS) : null;
    const hash = row.subjectHash ?? subjectHash(row.subject);
    const { count } = await tx.approval.updateMany({
      where: { id: row.id, status: "pending" },
      data: { status: approve ? "approved" : "denied", decidedBy: approver, decidedAt: new Date(now), intentExpiresAt, subjectHash: hash },
    });
    if (count !== 1) throw conflict("This approval was decided by someone else just now");
    await recordActivity(tx, {
      orgId: p.orgId, actorId: p.actorId, action: approve ? "approval.approved" : "approval.denied", target: row.id,
      meta: { request_id: row.requestId, agent: row.agent, subject: describeSubject(row.subject), ...(p.input.note ? { note: p.input.note } : {}) },
    });
    return { ...row, decidedBy: approver, decidedAt: new Date(now), intentExpiresAt, subjectHash: hash };
  });
  const summary = describeSubject(decided.subject);
  if (!approve || !signer || !decided.intentExpiresAt) return { id: decided.id, status: "denied", intent: null, intentExpiresAt: null, summary };
  const intent = await intentFor(decided, signer);
  return { id: decided.id, status: "approved", intent, intentExpiresAt: decided.intentExpiresAt, summary };
}

/** The intent of an approved row (deterministic: the same token every time). */
export function intentFor(row: ApprovalRow, signer: Parameters<typeof signIntent>[1]): Promise<string> {
  if (!row.decidedBy || !row.decidedAt || !row.intentExpiresAt) throw new Error(`approval ${row.id} is not approved`);
  return signIntent(
    {
      approvalId: row.id, orgId: row.orgId, agent: row.agent, subjectHash: row.subjectHash ?? subjectHash(row.subject),
      approverId: row.decidedBy, decidedAt: row.decidedAt, intentExpiresAt: row.intentExpiresAt, summary: describeSubject(row.subject),
    },
    signer,
  );
}
