// Org A's members can read or change nothing of org B through any router.
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { ROLES } from "@/server/auth/permissions";
import { forOrg } from "@/server/db/scoped";
import { addMember, callerFor, createTestOrg, getTestDb } from "@/server/testing/db";
import { createInvitation } from "@/server/members/members";
import { createUpstream } from "@/server/upstreams/upstreams";
import { getKeyring } from "@/server/secrets/keyring";
import { setKillSwitch } from "@/server/killswitch/killswitch";
import { registerAgentIdentity } from "@/server/agents/agents";
import { newId } from "@/server/db/ids";
import { addDraftRule, publishRules } from "@/server/rules/rule-sets";
import { PROCEDURE_CASES, invoke, type TargetIds } from "@/server/api/__tests__/procedure-cases";
import { createPostgresAuditSink } from "@/server/audit/appender";

describe("tenant isolation", () => {
  let a: Awaited<ReturnType<typeof createTestOrg>>;
  let b: Awaited<ReturnType<typeof createTestOrg>>;
  let bTargets: TargetIds;
  const aMembers: Record<string, { id: string; email: string }> = {};
  let snapshot: () => Promise<string>;

  beforeAll(async () => {
    const db = getTestDb();
    a = await createTestOrg("Alpha");
    b = await createTestOrg("Beta");
    for (const role of ROLES) {
      const m = await addMember(a.orgId, role);
      aMembers[role] = { id: m.userId, email: m.email };
    }
    const bMember = await addMember(b.orgId, "analyst");
    const inv = await createInvitation(forOrg(db, b.orgId), {
      orgId: b.orgId, actorId: b.userId, actorRole: "owner", email: "pending@beta.test", role: "viewer",
    });
    const up = await createUpstream(forOrg(db, b.orgId), getKeyring(), {
      orgId: b.orgId, actorId: b.userId,
      input: { name: "beta-api", url: "http://127.0.0.1:9/", secret: "beta-secret-value", allowPrivate: true, timeoutMs: 1000 },
    });
    await setKillSwitch(forOrg(db, b.orgId), { orgId: b.orgId, actor: "test", actorId: null, engaged: true, agent: "matrix-agent" });
    const agent = await registerAgentIdentity(forOrg(db, b.orgId), {
      orgId: b.orgId, actorId: null,
      input: { name: "beta-bot", issuer: `https://beta-${b.orgId}.test`, jwks: { keys: [{ kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" }] } },
    });
    const sb = forOrg(db, b.orgId);
    await addDraftRule(sb, { orgId: b.orgId, actorId: null, rule: { id: "beta-rule", effect: "BLOCK", enabled: true, priority: 100, shadow: false, when: { paths: ["/beta/**"] } } });
    await publishRules(sb, { orgId: b.orgId, actorId: null });
    await addDraftRule(sb, { orgId: b.orgId, actorId: null, rule: { id: "beta-draft", effect: "MONITOR", enabled: true, priority: 100, shadow: false, when: {} } });
    const approval = await sb.approval.create({
      data: { id: newId("apr"), orgId: b.orgId, requestId: "req-beta", agent: "beta-bot", subject: { kind: "request", method: "POST", upstream: "beta-api", path: "/x", query: "", body_sha256: null }, reason: {}, expiresAt: new Date(Date.now() + 3600_000) },
    });
    const sink = createPostgresAuditSink(db, { kek: getKeyring() });
    await sink.append({
      orgId: b.orgId, requestId: "req-beta-audit", ts: new Date(), agent: "beta-bot", upstream: "beta-api", decision: "BLOCK", stage: "inspect",
      ruleIds: ["beta-rule"], findings: [], latencyUs: 1234, flight: { stages: [], risk: 90 },
    });
    await sink.close();
    bTargets = { membershipId: bMember.membershipId, keyId: b.apiKeyId, invitationId: inv.id, upstreamId: up.id, agentId: agent.id, approvalId: approval.id, auditRequestId: "req-beta-audit" };
    snapshot = async () =>
      JSON.stringify([
        await db.organization.findUnique({ where: { id: b.orgId } }),
        await sb.membership.findMany({ orderBy: { id: "asc" } }),
        await sb.apiKey.findMany({ orderBy: { id: "asc" } }),
        await sb.invitation.findMany({ orderBy: { id: "asc" } }),
        await sb.upstream.findMany({ orderBy: { id: "asc" } }),
        await sb.killSwitch.findMany({ orderBy: { id: "asc" } }),
        await sb.quotaPolicy.findMany({ orderBy: { id: "asc" } }),
        await sb.agentIdentity.findMany({ orderBy: { id: "asc" } }),
        await sb.ruleDraft.findMany(),
        await sb.ruleSetVersion.findMany({ orderBy: { version: "asc" } }),
        await sb.approval.findMany({ orderBy: { id: "asc" } }),
        await sb.customPolicy.findMany({ select: { sha256: true } }),
        await sb.auditEvent.findMany({ orderBy: { seq: "asc" }, select: { hash: true, body: true } }),
      ]);
  });

  const orgCases = Object.entries(PROCEDURE_CASES).filter(([, c]) => c.access.kind === "org");

  for (const role of ROLES) {
    it(`an ${role} of A gets NOT_FOUND for B's org on every org procedure`, async () => {
      const before = await snapshot();
      for (const [path, c] of orgCases) {
        // Writes that name no object (quotas.set, killswitch.set) act on the caller's
        // verified org only; with B's slug they must not even reach B.
        const err = await invoke(callerFor(aMembers[role]!, b.orgSlug), path, c.input(bTargets)).catch((e: unknown) => e);
        expect(err, path).toBeInstanceOf(TRPCError);
        expect((err as TRPCError).code, path).toBe("NOT_FOUND");
      }
      expect(await snapshot()).toBe(before);
    });

    it(`an ${role} of A cannot reach B's objects by id from A's own org`, async () => {
      const before = await snapshot();
      for (const path of ["members.revokeInvitation", "members.changeRole", "members.remove", "keys.revoke", "upstreams.remove", "agents.revoke", "approvals.get", "approvals.decide", "audit.get"]) {
        const c = PROCEDURE_CASES[path]!;
        const err = await invoke(callerFor(aMembers[role]!, a.orgSlug), path, c.input(bTargets)).catch((e: unknown) => e);
        expect(err, path).toBeInstanceOf(TRPCError);
        expect(["NOT_FOUND", "FORBIDDEN"], path).toContain((err as TRPCError).code);
      }
      expect(await snapshot()).toBe(before);
    });
  }

  it("cannot tune B's upstream inspection from A", async () => {
    const err = await callerFor(aMembers.owner!, a.orgSlug).inspection.update({ upstreamId: bTargets.upstreamId, patch: { paranoia: 4 } }).catch((e: unknown) => e);
    expect((err as TRPCError).code).toBe("NOT_FOUND");
    const settings = await callerFor(aMembers.owner!, a.orgSlug).inspection.settings();
    expect(settings.upstreams.map((u) => u.id)).not.toContain(bTargets.upstreamId);
  });

  it("lists only A's data to A", async () => {
    const owner = aMembers.owner!;
    const keys = await callerFor(owner, a.orgSlug).keys.list();
    expect(keys.map((k) => k.id)).not.toContain(b.apiKeyId);
    const { members } = await callerFor(owner, a.orgSlug).members.list();
    expect(members.map((m) => m.id)).not.toContain(bTargets.membershipId);
    const ups = await callerFor(owner, a.orgSlug).upstreams.list();
    expect(ups.map((u) => u.id)).not.toContain(bTargets.upstreamId);
    const kills = await callerFor(owner, a.orgSlug).killswitch.list();
    expect(kills).toEqual([]);
    expect(await callerFor(owner, a.orgSlug).approvals.list({ limit: 50 })).toEqual([]);
    expect(await callerFor(owner, a.orgSlug).rules.versions({ limit: 50 })).toEqual([]);
    const draft = await callerFor(owner, a.orgSlug).rules.draft();
    expect(draft.rules.map((r) => r.id)).not.toContain("beta-draft");
    expect(await callerFor(owner, a.orgSlug).rules.customPolicy()).toBeNull();
  });

  it("shows A none of B's audit trail, keys or analytics", async () => {
    const c = callerFor(aMembers.owner!, a.orgSlug);
    expect((await c.audit.list({ limit: 200 })).items.map((i) => i.requestId)).not.toContain("req-beta-audit");
    expect((await c.audit.list({ filters: { agent: "beta-bot" } })).items).toEqual([]);
    const chain = await c.audit.chain({});
    expect(chain.events.map((e) => e.event.org)).not.toContain(b.orgId);
    expect(chain.keys.map((k) => k.org)).not.toContain(b.orgId);
    const csv = await c.audit.export({ format: "csv" });
    expect(csv.content).not.toContain("req-beta-audit");
    const stats = await c.analytics.summary({ range: "7d" });
    expect(stats.topAgents.map((x) => x.agent)).not.toContain("beta-bot");
    expect(stats.topRules.map((x) => x.ruleId)).not.toContain("beta-rule");
    expect(stats.totals.BLOCK ?? 0).toBe(0);
  });

  it("the scoped client refuses a missing org id instead of widening the query", () => {
    expect(() => forOrg(getTestDb(), undefined as unknown as string)).toThrow(/orgId is required/);
    expect(() => forOrg(getTestDb(), "")).toThrow(/orgId is required/);
  });
});
