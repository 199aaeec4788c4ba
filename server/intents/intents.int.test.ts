// Escalate → approve → signed intent → retry once, through the real gateway
// (harness: real HTTP, real PostgreSQL): replay refused, a changed body or
// another agent refused, expiry, the evaluate endpoint, and /v1/intents polling.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forOrg } from "@/server/db/scoped";
import { getKeyring } from "@/server/secrets/keyring";
import { createUpstream } from "@/server/upstreams/upstreams";
import { addMember, callerFor, createTestOrg, getTestDb } from "@/server/testing/db";
import { startFakeUpstream, type FakeUpstream } from "@/server/gateway/testing/fake-llm";
import { startTestGateway, type RunningGateway } from "@/server/gateway/testing/harness";
import { addDraftRule, publishRules } from "@/server/rules/rule-sets";
import type { TRule } from "@/server/policy";

const rule = (r: Partial<TRule> & Pick<TRule, "id" | "effect">): TRule => ({ enabled: true, priority: 300, shadow: false, when: {}, ...r });

type ErrorBody = { error: { code: string; decision: string; rule_id: string | null; approval_id?: string; request_id: string } };

describe("approvals and signed intents", () => {
  let upstream: FakeUpstream;
  let gw: RunningGateway;
  let org: Awaited<ReturnType<typeof createTestOrg>>;
  let admin: { id: string; email: string };

  const call = (path: string, init: RequestInit & { agent?: string; intent?: string } = {}) =>
    fetch(`${gw.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${org.apiKey}`, "content-type": "application/json",
        ...(init.agent ? { "x-aegis-agent": init.agent } : {}), ...(init.intent ? { "x-aegis-intent": init.intent } : {}),
      },
    });
  const refund = (amount: number, opts: { agent?: string; intent?: string } = {}) =>
    call("/v1/gateway/rest/refunds?currency=eur", { method: "POST", body: JSON.stringify({ amount }), agent: opts.agent ?? "billing-bot", intent: opts.intent });
  const approve = (approvalId: string, decision: "approve" | "deny" = "approve") => callerFor(admin, org.orgSlug).approvals.decide({ approvalId, decision });
  const poll = async (agent: string) => (await (await call("/v1/intents", { agent })).json()) as { intents: { approval_id: string; intent: string }[] };

  beforeAll(async () => {
    const db = getTestDb();
    upstream = await startFakeUpstream();
    org = await createTestOrg("Intent Org");
    const sdb = forOrg(db, org.orgId);
    await createUpstream(sdb, getKeyring(), { orgId: org.orgId, actorId: null, input: { name: "rest", url: `${upstream.url}/api`, allowPrivate: true, timeoutMs: 5000 } });
    for (const r of [
      rule({ id: "refunds-need-a-human", effect: "ESCALATE", when: { methods: ["POST"], paths: ["/refunds"] } }),
      rule({ id: "stripe-refunds", effect: "ESCALATE", when: { kind: "action", tools: ["stripe"], actions: ["refund"] } }),
    ]) await addDraftRule(sdb, { orgId: org.orgId, actorId: null, rule: r });
    await publishRules(sdb, { orgId: org.orgId, actorId: null });
    admin = await addMember(org.orgId, "admin").then((m) => ({ id: m.userId, email: m.email }));
    gw = await startTestGateway();
  });

  afterAll(async () => {
    await gw?.close();
    await upstream?.close();
  });

  it("rate-limits polling per agent with 429 and Retry-After, without affecting other agents", async () => {
    const statuses: number[] = [];
    let limited: Response | null = null;
    for (let i = 0; i < 30 && !limited; i++) {
      const res = await call("/v1/intents", { agent: "eager-poller" });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
      else await res.arrayBuffer();
    }
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(10); // the burst
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(((await limited?.json()) as ErrorBody).error.code).toBe("POLL_RATE_LIMITED");
    expect((await call("/v1/intents", { agent: "patient-poller" })).status).toBe(200);
  });

  async function escalate(amount: number, agent = "billing-bot"): Promise<string> {
    const res = await refund(amount, { agent });
    expect(res.status).toBe(202);
    const body = (await res.json()) as ErrorBody;
    expect(body.error).toMatchObject({ code: "ESCALATED", decision: "ESCALATE", rule_id: "refunds-need-a-human" });
    return String(body.error.approval_id);
  }

  it("lets exactly the approved request through once, and records every step", async () => {
    const before = upstream.received.length;
    const approvalId = await escalate(100);
    expect(upstream.received.length).toBe(before);
    expect(await poll("billing-bot")).toMatchObject({ intents: [] });

    const pending = await callerFor(admin, org.orgSlug).approvals.list({ status: "pending", limit: 10 });
    expect(pending.map((a) => a.id)).toContain(approvalId);
    expect(pending.find((a) => a.id === approvalId)?.summary).toBe("POST rest/refunds?currency=eur");

    const decided = await approve(approvalId);
    expect(decided).toMatchObject({ id: approvalId, status: "approved" });
    const intent = String(decided.intent);
    expect(intent.split(".")).toHaveLength(3);
    const activity = await forOrg(getTestDb(), org.orgId).activityEvent.findFirst({ where: { action: "approval.approved", target: approvalId } });
    expect(activity?.actorId).toBe(admin.id);

    // Agents that cannot wait pull the same token.
    expect((await poll("billing-bot")).intents).toEqual([expect.objectContaining({ approval_id: approvalId, intent })]);
    expect((await poll("other-bot")).intents).toEqual([]);

    // A different body, or another agent, does not match (and does not burn the intent).
    const changed = await refund(100_000, { intent });
    expect(changed.status).toBe(403);
    expect(((await changed.json()) as ErrorBody).error).toMatchObject({ code: "INTENT_MISMATCH", rule_id: "intent.rejected" });
    const otherAgent = await refund(100, { agent: "other-bot", intent });
    expect(((await otherAgent.json()) as ErrorBody).error.code).toBe("INTENT_MISMATCH");
    expect(upstream.received.length).toBe(before);

    const ok = await refund(100, { intent });
    expect(ok.status).toBe(200);
    expect(upstream.received.length).toBe(before + 1);
    expect(upstream.received.at(-1)?.headers["x-aegis-intent"]).toBeUndefined();
    const requestId = String(ok.headers.get("x-aegis-request-id"));
    const ev = await forOrg(getTestDb(), org.orgId).auditEvent.findFirst({ where: { requestId } });
    expect(ev?.decision).toBe("ALLOW");
    expect(JSON.stringify(ev?.body)).toContain(`intent.${approvalId}`);

    const replay = await refund(100, { intent });
    expect(replay.status).toBe(403);
    expect(((await replay.json()) as ErrorBody).error.code).toBe("INTENT_USED");
    expect(upstream.received.length).toBe(before + 1);
    expect((await poll("billing-bot")).intents).toEqual([]);
    const row = await forOrg(getTestDb(), org.orgId).approval.findFirst({ where: { id: approvalId } });
    expect(row?.status).toBe("used");
  });

  it("refuses a tampered or foreign intent", async () => {
    const approvalId = await escalate(7);
    const { intent } = await approve(approvalId);
    const [h, p, s] = String(intent).split(".");
    const claims = JSON.parse(Buffer.from(String(p), "base64url").toString()) as Record<string, unknown>;
    const forged = [h, Buffer.from(JSON.stringify({ ...claims, sbj: "0".repeat(64) })).toString("base64url"), s].join(".");
    expect(((await (await refund(7, { intent: forged })).json()) as ErrorBody).error.code).toBe("INTENT_INVALID");
    expect(((await (await refund(7, { intent: "not-a-token" })).json()) as ErrorBody).error.code).toBe("INTENT_INVALID");
    // The genuine one still works after the failed attempts.
    expect((await refund(7, { intent: String(intent) })).status).toBe(200);
  });

  it("denies, and refuses a second decision", async () => {
    const approvalId = await escalate(9);
    expect(await approve(approvalId, "deny")).toMatchObject({ status: "denied", intent: null });
    await expect(approve(approvalId)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await forOrg(getTestDb(), org.orgId).activityEvent.count({ where: { action: "approval.denied", target: approvalId } })).toBe(1);
  });

  it("refuses to decide an approval request that expired, and lists it as expired", async () => {
    const id = `apr_old_${org.orgId}`;
    await forOrg(getTestDb(), org.orgId).approval.create({
      data: { id, orgId: org.orgId, requestId: "req-old", agent: "billing-bot", subject: { kind: "request", method: "POST", upstream: "rest", path: "/refunds", query: "", body_sha256: null }, reason: {}, expiresAt: new Date(Date.now() - 1000) },
    });
    await expect(approve(id)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/expired/) });
    const expired = await callerFor(admin, org.orgSlug).approvals.list({ status: "expired", limit: 10 });
    expect(expired.map((a) => [a.id, a.status])).toContainEqual([id, "expired"]);
    expect((await callerFor(admin, org.orgSlug).approvals.list({ status: "pending", limit: 50 })).map((a) => a.id)).not.toContain(id);
  });

  it("works for agent actions on the evaluate endpoint", async () => {
    const action = { agent: "billing-bot", tool: "stripe", action: "refund", resource: "charges/ch_1", params: { amount: 50 } };
    const evaluate = (intent?: string) => call("/v1/gateway/evaluate", { method: "POST", body: JSON.stringify(action), agent: "billing-bot", intent });
    const first = (await (await evaluate()).json()) as { decision: string; approval_id: string };
    expect(first.decision).toBe("ESCALATE");
    const { intent } = await approve(first.approval_id);
    const allowed = (await (await evaluate(String(intent))).json()) as { decision: string; rule_ids: string[] };
    expect(allowed.decision).toBe("ALLOW");
    expect(allowed.rule_ids).toContain(`intent.${first.approval_id}`);
    const replay = await evaluate(String(intent));
    expect(replay.status).toBe(403);
    expect(((await replay.json()) as ErrorBody).error.code).toBe("INTENT_USED");
  });

  it("requires credentials and an agent name to poll", async () => {
    expect((await fetch(`${gw.url}/v1/intents`)).status).toBe(401);
    const noAgent = await call("/v1/intents");
    expect(noAgent.status).toBe(400);
    expect(((await noAgent.json()) as ErrorBody).error.code).toBe("AGENT_REQUIRED");
  });

  // Last: it moves the gateway clock past the intents approved (in real time) above.
  it("refuses an expired intent", async () => {
    const approvalId = await escalate(8);
    const { intent } = await approve(approvalId);
    gw.clock.advance(11 * 60_000);
    const res = await refund(8, { intent: String(intent) });
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorBody).error.code).toBe("INTENT_EXPIRED");
  });
});
