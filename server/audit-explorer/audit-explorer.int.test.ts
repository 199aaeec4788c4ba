// The explorer and analytics procedures against real PostgreSQL, on events
// written by the real appender (hashed, chained, signed) and sealed.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresAuditSink, type AuditDraft, type AuditSink } from "@/server/audit/appender";
import { sealAuditLog } from "@/server/audit/seal";
import { forOrg } from "@/server/db/scoped";
import { getKeyring } from "@/server/secrets/keyring";
import { addMember, callerFor, createTestOrg, getTestDb } from "@/server/testing/db";
import { verifyChain } from "@/app/(dashboard)/[orgSlug]/audit/verify-chain";
import { verifyReceipt } from "@/app/(dashboard)/[orgSlug]/audit/verify-receipt";
import { exportAuditEvents } from "./export";

function draft(orgId: string, n: number, over: Partial<AuditDraft> = {}): AuditDraft {
  const blocked = n % 4 === 0;
  return {
    orgId, requestId: `req_${n}`, ts: new Date(), agent: n % 2 ? "support-bot" : "=HYPERLINK(\"http://evil\",\"x\")", upstream: n % 3 ? "openai" : "billing",
    decision: blocked ? "BLOCK" : "ALLOW", stage: blocked ? "inspect" : null,
    ruleIds: blocked ? ["waf.sqli.union"] : n % 8 === 1 ? ["policy.allow"] : [],
    findings: blocked ? [{ category: "sqli", rule_id: "waf.sqli.union", score: 95, location: "query.q" }] : [],
    latencyUs: 1000 * n,
    flight: {
      stages: [{ stage: "authenticate", outcome: "continue", us: 120 }, { stage: "inspect", outcome: blocked ? "BLOCK" : "continue", us: 340 }],
      degraded: [], shadow: null, risk: blocked ? 95 : 0, method: "GET", path: "/v1/items", via: "api_key", approval_id: null, reasons: [],
      policy_input: { v: 1, kind: "request", method: "GET", findings: blocked ? [{ category: "sqli", rule_id: "sqli-union", score: 95, location: "query.q" }] : [] },
    },
    ...over,
  };
}

describe("audit explorer", () => {
  let org: Awaited<ReturnType<typeof createTestOrg>>;
  let analyst: { id: string; email: string };
  let sink: AuditSink;
  const N = 24;

  beforeAll(async () => {
    const db = getTestDb();
    org = await createTestOrg("Explorer Org");
    const m = await addMember(org.orgId, "analyst");
    analyst = { id: m.userId, email: m.email };
    sink = createPostgresAuditSink(db, { kek: getKeyring() });
    for (let n = 1; n <= N - 2; n++) await sink.append(draft(org.orgId, n));
    await sealAuditLog(db, org.orgId, { kek: getKeyring() });
    // Two more after the seal: recorded, not yet in a signed tree head.
    await sink.append(draft(org.orgId, N - 1));
    await sink.append(draft(org.orgId, N, { action: "rules.publish", upstream: undefined, agent: null }));
  });

  afterAll(async () => sink?.close());

  const caller = () => callerFor(analyst, org.orgSlug);

  it("lists newest first with cursor pagination and no duplicates", async () => {
    const seen: number[] = [];
    let cursor: number | undefined;
    for (;;) {
      const page = await caller().audit.list({ limit: 10, cursor });
      seen.push(...page.items.map((i) => i.seq));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(Array.from({ length: N }, (_, i) => N - i));
    const first = (await caller().audit.list({ limit: 1 })).items[0];
    expect(first).toMatchObject({ seq: N, action: "rules.publish", upstream: null });
  });

  it("filters by decision, agent, upstream, rule id and time", async () => {
    const blocked = await caller().audit.list({ filters: { decisions: ["BLOCK"] } });
    expect(blocked.items.map((i) => i.seq)).toEqual([24, 20, 16, 12, 8, 4]);
    expect(blocked.items[0]).toMatchObject({ ruleIds: ["waf.sqli.union"], risk: 95, latencyUs: 24_000 });
    const byRule = await caller().audit.list({ filters: { ruleId: "waf.sqli.union", upstream: "billing" } });
    expect(byRule.items.map((i) => i.seq)).toEqual([12]);
    const byAgent = await caller().audit.list({ filters: { agent: "support-bot", decisions: ["ALLOW"] } });
    expect(byAgent.items.every((i) => i.agent === "support-bot" && i.decision === "ALLOW")).toBe(true);
    expect(byAgent.items).toHaveLength(12);
    const future = await caller().audit.list({ filters: { from: new Date(Date.now() + 3600_000) } });
    expect(future.items).toEqual([]);
    // Detector rule ids match findings in the flight record.
    const byDetector = await caller().audit.list({ filters: { ruleId: "sqli-union" } });
    expect(byDetector.items.map((i) => i.seq)).toEqual([24, 20, 16, 12, 8, 4]);
    const none = await caller().audit.list({ filters: { ruleId: "no.such.rule" } });
    expect(none.items).toEqual([]);
  });

  it("gets one event with its flight record, findings and inclusion receipt", async () => {
    const got = await caller().audit.get({ requestId: "req_8" });
    expect(got.signed.event).toMatchObject({ seq: 8, decision: "BLOCK", rule_ids: ["waf.sqli.union"] });
    expect(got.signed.signature).toMatch(/^[0-9a-f]{128}$/);
    expect(got.flight.stages.map((s) => s.stage)).toEqual(["authenticate", "inspect"]);
    expect(got.flight.findings).toEqual([{ category: "sqli", rule_id: "sqli-union", score: 95, location: "query.q" }]);
    expect(got.receipt.status).toBe("sealed");
    if (got.receipt.status === "sealed") {
      expect(got.receipt.receipt.inclusion_proof).toMatchObject({ leaf_index: 7, tree_size: N - 2 });
      await expect(verifyReceipt(got.receipt.receipt, got.keys)).resolves.toEqual({ ok: true });
      const forged = structuredClone(got.receipt.receipt);
      forged.inclusion_proof.audit_path[0] = "0".repeat(64);
      await expect(verifyReceipt(forged, got.keys)).resolves.toMatchObject({ ok: false });
      for (const n of [1, 2, 5, 13, 22]) {
        const r = await caller().audit.get({ requestId: `req_${n}` });
        if (r.receipt.status !== "sealed") throw new Error("expected sealed");
        await expect(verifyReceipt(r.receipt.receipt, r.keys), `req_${n}`).resolves.toEqual({ ok: true });
      }
    }
  });

  it("says 'not sealed yet' for an event after the latest tree head, and NOT_FOUND for unknown ids", async () => {
    const got = await caller().audit.get({ requestId: `req_${N}` });
    expect(got.receipt).toMatchObject({ status: "not_sealed", latestTreeSize: N - 2 });
    const err = await caller().audit.get({ requestId: "req_nope" }).catch((e: unknown) => e);
    expect((err as TRPCError).code).toBe("NOT_FOUND");
  });

  it("returns a chain range with keys that the browser verifier accepts, and locates tampering", async () => {
    const chain = await caller().audit.chain({});
    expect(chain).toMatchObject({ fromSeq: 1, toSeq: N, latestSeq: N });
    expect(chain.events).toHaveLength(N);
    await expect(verifyChain(chain)).resolves.toMatchObject({ ok: true, checked: N });

    const part = await caller().audit.chain({ fromSeq: 10, toSeq: 15 });
    expect(part.anchorHash).toBe(chain.events[8]?.hash);
    await expect(verifyChain(part)).resolves.toMatchObject({ ok: true, checked: 6, fromSeq: 10, toSeq: 15 });

    // Edit a stored body directly in the database: the verifier names that event.
    const sdb = forOrg(getTestDb(), org.orgId);
    const row = await sdb.auditEvent.findFirst({ where: { seq: 13n } });
    await sdb.auditEvent.update({ where: { id: row!.id }, data: { body: { ...(row!.body as object), decision: "KILL" } } });
    try {
      await expect(verifyChain(await caller().audit.chain({}))).resolves.toMatchObject({ ok: false, seq: 13, code: "HASH_MISMATCH" });
    } finally {
      await sdb.auditEvent.update({ where: { id: row!.id }, data: { body: row!.body as object } });
    }

    const tooMany = await caller().audit.chain({ fromSeq: 1, toSeq: 6000 }).catch((e: unknown) => e);
    expect(tooMany).toBeInstanceOf(TRPCError);
  });

  it("exports CSV with formula injection neutralized, and JSON with signed records", async () => {
    const csv = await caller().audit.export({ format: "csv", filters: { decisions: ["BLOCK"] } });
    expect(csv).toMatchObject({ contentType: "text/csv", count: 6, truncated: false });
    const lines = csv.content.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^seq,ts,request_id,decision,agent,/);
    expect(lines).toHaveLength(7);
    // Ascending seq; every agent cell that looked like a formula starts with an apostrophe.
    expect(lines[1]).toMatch(/^4,/);
    expect(csv.content).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csv.content).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(csv.content).toContain("sqli-union@query.q");

    const json = await caller().audit.export({ format: "json" });
    const parsed = JSON.parse(json.content) as { count: number; events: { event: { seq: number }; signature: string }[] };
    expect(parsed.count).toBe(N);
    expect(parsed.events.map((e) => e.event.seq)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
  });

  it("caps an export and says it was truncated (newest kept)", async () => {
    const out = await exportAuditEvents(forOrg(getTestDb(), org.orgId), { orgSlug: org.orgSlug, input: { format: "json" }, max: 5 });
    expect(out.truncated).toBe(true);
    expect((JSON.parse(out.content) as { events: { event: { seq: number } }[] }).events.map((e) => e.event.seq)).toEqual([20, 21, 22, 23, 24]);
  });

  it("refuses exports to roles without audit.export and lists to viewers", async () => {
    const viewer = await addMember(org.orgId, "viewer");
    const v = callerFor({ id: viewer.userId, email: viewer.email }, org.orgSlug);
    expect(((await v.audit.list({}).catch((e: unknown) => e)) as TRPCError).code).toBe("FORBIDDEN");
    expect(((await v.audit.export({ format: "csv" }).catch((e: unknown) => e)) as TRPCError).code).toBe("FORBIDDEN");
    // Viewers do read analytics (aggregates, no event content).
    await expect(v.analytics.summary({ range: "24h" })).resolves.toMatchObject({ total: N });
  });

  it("computes analytics in the database: decisions per bucket, top rules/agents/upstreams, latency percentiles", async () => {
    const a = await caller().analytics.summary({ range: "24h" });
    expect(a.total).toBe(N);
    expect(a.totals).toEqual({ ALLOW: 18, BLOCK: 6 });
    expect(a.buckets).toHaveLength(24);
    expect(a.buckets.reduce((s, b) => s + b.total, 0)).toBe(N);
    expect(a.buckets.at(-1)?.counts).toEqual({ ALLOW: 18, BLOCK: 6 });
    expect(a.topRules).toEqual([{ ruleId: "waf.sqli.union", count: 6 }, { ruleId: "policy.allow", count: 3 }]);
    expect(a.topDetections).toEqual([{ ruleId: "sqli-union", count: 6 }]);
    expect(a.topAgents[0]).toEqual({ agent: "support-bot", count: 12 });
    expect(a.topUpstreams.map((u) => u.upstream).sort()).toEqual(["billing", "openai"]);
    // 23 gateway events (the control-plane one has no upstream) with latencies 1..23 ms.
    expect(a.latency).toEqual({ p50Us: 12_000, p95Us: 21_900, requests: 23 });
    const week = await caller().analytics.summary({ range: "7d" });
    expect(week.buckets).toHaveLength(7);
    expect(week.total).toBe(N);
  });
});
