// Tells an org's owners and admins by email that an escalated call waits for them (when mail is
// configured; the app's Approvals page always lists pending approvals). Never on the request's
// path: the gateway fires it and forgets, and a failure is logged, not raised. Bounded per org
// (NOTIFY_LIMIT mails per window, per process) so an agent that retries an escalated call in a
// loop cannot turn Aegis into a mail cannon; past the bound, approvals wait in the app.
import type { Db } from "@/server/db/client";
import { forOrg } from "@/server/db/scoped";
import { approvalRequestedEmail } from "@/emails/approval";
import { getEnv } from "@/server/env";
import { isMailConfigured, sendMail } from "@/server/email/send";
import { log } from "@/server/log/logger";

export const NOTIFY_LIMIT = 5;
const WINDOW_MS = 10 * 60_000;
const sent = new Map<string, number[]>();

export type TApprovalNotice = {
  orgId: string;
  orgSlug: string;
  approvalId: string;
  agent: string | null;
  what: string;
  reasons: string[];
  risk: number;
  expiresAt: Date;
};

function allowed(orgId: string, now: number): boolean {
  const recent = (sent.get(orgId) ?? []).filter((t) => now - t < WINDOW_MS);
  if (recent.length >= NOTIFY_LIMIT) {
    sent.set(orgId, recent);
    return false;
  }
  recent.push(now);
  if (!sent.has(orgId) && sent.size >= 10_000) sent.clear();
  sent.set(orgId, recent);
  return true;
}

/** Resolves to the number of messages sent (0 without mail, over the bound, or with no approvers). */
export async function notifyApprovers(db: Db, notice: TApprovalNotice, now = Date.now()): Promise<number> {
  if (!isMailConfigured()) return 0;
  if (!allowed(notice.orgId, now)) {
    log.info("approval notification skipped (per-org bound)", { org_id: notice.orgId, approval_id: notice.approvalId });
    return 0;
  }
  const sdb = forOrg(db, notice.orgId);
  const [org, approvers] = await Promise.all([
    sdb.organization.findFirst({ where: { id: notice.orgId }, select: { name: true } }),
    sdb.membership.findMany({ where: { orgId: notice.orgId, role: { in: ["owner", "admin"] } }, select: { user: { select: { email: true } } } }),
  ]);
  const base = getEnv().AEGIS_PUBLIC_URL ?? `http://localhost:${getEnv().PORT}`;
  const mail = approvalRequestedEmail({
    orgName: org?.name ?? notice.orgSlug, agent: notice.agent, what: notice.what, reasons: notice.reasons, risk: notice.risk,
    link: `${base}/${notice.orgSlug}/approvals`, expiresAt: notice.expiresAt,
  });
  let count = 0;
  for (const m of approvers) if (await sendMail({ to: m.user.email, ...mail })) count++;
  return count;
}
