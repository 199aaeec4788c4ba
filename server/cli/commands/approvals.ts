// Operator commands for decisions that need a human:
// approval list | approve | deny. Approving prints the signed intent.
import type { Command } from "@/server/cli/command";
import { requireString, orgFromFlags, ORG_FLAG } from "@/server/cli/command";
import { getKeyring } from "@/server/secrets/keyring";
import { decideApproval, listApprovals, ZApprovalStatus, type TDecision } from "@/server/approvals/approvals";
import { parseOrThrow } from "@/server/cli/parse";

export const approvalList: Command<Awaited<ReturnType<typeof listApprovals>>> = {
  name: "approval list",
  summary: "List approval requests (default: pending)",
  usage: "aegis approval list --org ORG [--status pending|approved|denied|expired|used]",
  flags: { org: ORG_FLAG, status: { type: "string", description: "filter by status (default pending)" } },
  async run(flags, { db }) {
    const { sdb } = await orgFromFlags(db, flags);
    const status = parseOrThrow(ZApprovalStatus, typeof flags.status === "string" ? flags.status : "pending", "--status");
    return listApprovals(sdb, { status, limit: 100 });
  },
  format: (rows) => (rows.length ? rows.map((a) => `${a.id}  ${a.status.padEnd(8)} ${(a.agent ?? "-").padEnd(20)} ${a.summary}`).join("\n") : "No approval requests"),
};

function decide(decision: "approve" | "deny"): Command<TDecision> {
  return {
    name: `approval ${decision}`,
    summary: decision === "approve" ? "Approve a pending request; prints the single-use signed intent (x-aegis-intent)" : "Deny a pending request",
    usage: `aegis approval ${decision} --org ORG --id ID`,
    flags: { org: ORG_FLAG, id: { type: "string", required: true, description: "approval id (apr_...)" }, note: { type: "string", description: "why" } },
    async run(flags, { db }) {
      const { org, sdb } = await orgFromFlags(db, flags);
      const note = typeof flags.note === "string" ? flags.note.slice(0, 500) : undefined;
      return decideApproval(sdb, getKeyring(), { orgId: org.id, actorId: null, input: { approvalId: requireString(flags, "id"), decision, note } });
    },
    format: (r) =>
      r.status === "approved"
        ? `Approved ${r.id} (${r.summary}). Intent, valid once until ${r.intentExpiresAt?.toISOString()}:\n${r.intent}`
        : `Denied ${r.id} (${r.summary})`,
  };
}

export const approvalApprove = decide("approve");
export const approvalDeny = decide("deny");
