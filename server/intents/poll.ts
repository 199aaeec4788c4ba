// GET /v1/intents — agents that cannot wait on a 202 poll for their approved
// intents with their gateway credentials (API key with x-aegis-agent, or an
// agent JWT). Returns the org's approved, unexpired, unused intents for the
// caller's agent name only; the token is re-signed deterministically, so it is
// identical to the one the approver saw.
import type { GatewayDeps } from "@/server/gateway/deps";
import { plainError } from "@/server/gateway/respond";
import { rateLimitedHeaders } from "@/server/gateway/limiter";
import { forOrg } from "@/server/db/scoped";
import { intentFor } from "@/server/approvals/approvals";
import { getIntentSigner } from "@/server/intents/intent-keys";
import { isIntentUsed } from "@/server/intents/redeem";
import { describeSubject } from "@/server/intents/subject";

/** Polling cadence per agent: a steady 2 polls/s with bursts of 10 is plenty for a waiting agent. */
export const POLL_RPS = 2;
const POLL_BURST = 10;

/**
 * Each poll reads the database, so it is rate-limited per agent like gateway traffic (same limiter,
 * its own bucket). Returns 429 headers when over; fails open if the limiter's store is down: the
 * endpoint is read-only and authenticated, and refusing it would strand agents waiting on approvals.
 */
async function pollLimit(deps: GatewayDeps, orgId: string, agent: string): Promise<Record<string, string> | null> {
  try {
    const r = await deps.limiter.limit(`intents-poll:${orgId}:${agent}`, POLL_RPS, POLL_BURST);
    return r.success ? null : rateLimitedHeaders((r.reset - deps.now()) / 1000, r.limit);
  } catch {
    return null;
  }
}

export async function handleIntentsPoll(req: Request, requestId: string, deps: GatewayDeps): Promise<Response> {
  if (req.method !== "GET") return plainError(requestId, 405, "METHOD_NOT_ALLOWED", "Use GET for /v1/intents");
  const headers: Record<string, string> = {};
  req.headers.forEach((v, k) => (headers[k] = v));
  const caller = await deps.credentials.resolve(headers);
  if ("decision" in caller) return plainError(requestId, caller.status, caller.code, caller.message, caller.headers);
  if (!caller.agent) return plainError(requestId, 400, "AGENT_REQUIRED", "Intents are issued per agent: send x-aegis-agent with an API key, or use an agent token");
  const limited = await pollLimit(deps, caller.orgId, caller.agent);
  if (limited) return plainError(requestId, 429, "POLL_RATE_LIMITED", `Poll at most ${POLL_RPS} times per second per agent`, limited);
  const now = deps.now();
  const rows = await forOrg(deps.db, caller.orgId).approval.findMany({
    where: { status: "approved", agent: caller.agent, intentExpiresAt: { gt: new Date(now) } },
    orderBy: { decidedAt: "asc" },
    take: 50,
  });
  const intents = [];
  for (const row of rows) {
    if (await isIntentUsed(deps, caller.orgId, row.id)) continue;
    const signer = await getIntentSigner(deps.db, deps.keyring, caller.orgId);
    intents.push({
      approval_id: row.id, request_id: row.requestId, subject: describeSubject(row.subject),
      intent: await intentFor(row, signer), expires_at: row.intentExpiresAt?.toISOString() ?? null,
    });
  }
  return new Response(JSON.stringify({ request_id: requestId, intents }), {
    status: 200,
    headers: { "content-type": "application/json", "cache-control": "no-store", "x-aegis-request-id": requestId },
  });
}
