// Rules end to end on real PostgreSQL: draft → publish (diff, versions,
// configVersion, activity) → rollback; the published change reaching a running
// gateway within 5 s; simulation on a sample and on recorded traffic (and the
// recorded input being redacted); custom policy upload validation; the CLI.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forOrg } from "@/server/db/scoped";
import { getKeyring } from "@/server/secrets/keyring";
import { createUpstream } from "@/server/upstreams/upstreams";
import { addMember, callerFor, createTestOrg, getTestDb } from "@/server/testing/db";
import { startFakeUpstream, type FakeUpstream } from "@/server/gateway/testing/fake-llm";
import { startTestGateway, type RunningGateway } from "@/server/gateway/testing/harness";
import { runCliJson } from "@/server/testing/cli";
import { MAX_CUSTOM_POLICY_BYTES } from "@/server/rules/custom-policy";

const fixture = fs.readFileSync(path.resolve("server/policy/fixtures/custom-policy.wasm"));

const cli = runCliJson;

describe("rules", () => {
  let org: Awaited<ReturnType<typeof createTestOrg>>;
  let owner: { id: string; email: string };
  let analyst: { id: string; email: string };
  const rules = () => callerFor(owner, org.orgSlug).rules;
  const configVersion = async () => (await getTestDb().organization.findUniqueOrThrow({ where: { id: org.orgId } })).configVersion;

  beforeAll(async () => {
    getTestDb();
    org = await createTestOrg("Rules Org");
    owner = { id: org.userId, email: org.ownerEmail };
    analyst = await addMember(org.orgId, "analyst").then((m) => ({ id: m.userId, email: m.email }));
  });

  it("publishes versions with author, note and diff, and rolls back by publishing a new version", async () => {
    const draft0 = await rules().draft();
    expect(draft0).toMatchObject({ liveVersion: 0, hasDraft: false, rules: [] });

    await rules().saveDraft({ rules: [
      { id: "a", effect: "BLOCK", when: { paths: ["/admin/**"] } },
      { id: "b", effect: "MONITOR" },
    ] });
    const cv0 = await configVersion();
    const v1 = await rules().publish({ note: "first" });
    expect(v1.version).toBe(1);
    expect(v1.diff.added.map((d) => d.id).sort()).toEqual(["a", "b"]);
    expect(await configVersion()).toBe(cv0 + 1);
    expect((await rules().draft()).hasDraft).toBe(false);

    await rules().addRule({ rule: { id: "a", effect: "ESCALATE", when: { paths: ["/admin/**"] } } });
    await rules().addRule({ rule: { id: "c", effect: "THROTTLE" } });
    await rules().removeRule({ ruleId: "b" });
    const preview = await rules().draft();
    expect(preview.diff.added.map((d) => d.id)).toEqual(["c"]);
    expect(preview.diff.removed.map((d) => d.id)).toEqual(["b"]);
    expect(preview.diff.changed).toEqual([expect.objectContaining({ id: "a", before: expect.objectContaining({ effect: "BLOCK" }), after: expect.objectContaining({ effect: "ESCALATE" }) })]);
    const v2 = await rules().publish({});
    expect(v2.version).toBe(2);

    await expect(rules().publish({})).rejects.toMatchObject({ code: "CONFLICT" });
    await rules().saveDraft({ rules: (await rules().draft()).rules });
    await expect(rules().publish({})).rejects.toThrow(/identical/);
    await rules().discardDraft();

    const back = await rules().rollback({ version: 1 });
    expect(back).toMatchObject({ version: 3, rolledBackTo: 1 });
    const v3 = await rules().version({ version: 3 });
    const v1full = await rules().version({ version: 1 });
    expect(v3.rules).toEqual(v1full.rules);
    expect(v3.note).toBe("Rollback to v1");
    await expect(rules().rollback({ version: 3 })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(rules().rollback({ version: 99 })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const versions = await rules().versions({ limit: 10 });
    expect(versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(versions[0]).toMatchObject({ isLive: true, authorEmail: owner.email });
    expect(versions[2]).toMatchObject({ note: "first", counts: { added: 2, removed: 0, changed: 0 } });
    const acts = await forOrg(getTestDb(), org.orgId).activityEvent.findMany({ where: { action: { in: ["rules.published", "rules.rolled_back"] } } });
    expect(acts).toHaveLength(3);
  });

  it("validates rules as zod errors naming the field", async () => {
    const err = await rules().saveDraft({ rules: [{ id: "platform.x", effect: "NOPE" } as never] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
    const dup = await rules().saveDraft({ rules: [{ id: "d", effect: "BLOCK" }, { id: "d", effect: "ALLOW" }] }).catch((e: unknown) => e);
    expect(String(dup)).toMatch(/duplicate rule id d/);
  });

  it("lets analysts read but not edit or publish", async () => {
    const r = callerFor(analyst, org.orgSlug).rules;
    expect((await r.versions({ limit: 5 })).length).toBeGreaterThan(0);
    await expect(r.saveDraft({ rules: [] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(r.publish({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("simulates a draft against a pasted sample input", async () => {
    const sim = await rules().simulate({
      rules: [{ id: "no-exports", effect: "BLOCK", when: { kind: "action", actions: ["export_*"] } }],
      source: { kind: "sample", input: { kind: "action", action: { tool: "crm", action: "export_all" } } },
    });
    expect(sim.summary).toMatchObject({ total: 1, newly_blocked: 1, changed: 1 });
    // The live v3 (= v1) has rule b, an unconditional MONITOR.
    expect(sim.results[0]).toMatchObject({ before: "MONITOR", beforeRule: "b", after: "BLOCK", afterRule: "no-exports" });
    await expect(rules().simulate({ source: { kind: "sample", input: { kind: "request" } as never } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("custom policy: validates uploads (shape, size), stores, bumps the config version, removes", async () => {
    const bad = await rules().uploadCustomPolicy({ wasmBase64: Buffer.from("not wasm at all").toString("base64") }).catch((e: unknown) => e);
    expect((bad as TRPCError).code).toBe("UNPROCESSABLE_CONTENT");
    expect((bad as TRPCError).message).toMatch(/not a valid WebAssembly/);
    const big = Buffer.alloc(MAX_CUSTOM_POLICY_BYTES + 1, 1).toString("base64");
    await expect(rules().uploadCustomPolicy({ wasmBase64: big })).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    await expect(rules().uploadCustomPolicy({ wasmBase64: big + "AAAAAAAA" })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const cv = await configVersion();
    const up = await rules().uploadCustomPolicy({ wasmBase64: fixture.toString("base64") });
    expect(up).toMatchObject({ bytes: fixture.byteLength, entrypoint: "aegis/decision" });
    expect(await configVersion()).toBe(cv + 1);
    expect(await rules().customPolicy()).toMatchObject({ sha256: up.sha256, bytes: fixture.byteLength });
    await rules().removeCustomPolicy();
    expect(await rules().customPolicy()).toBeNull();
    await expect(rules().removeCustomPolicy()).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("rules through the gateway", () => {
  let upstream: FakeUpstream;
  let gw: RunningGateway;
  let org: Awaited<ReturnType<typeof createTestOrg>>;
  let owner: { id: string; email: string };
  const call = (p: string, init: RequestInit = {}) =>
    fetch(`${gw.url}${p}`, { ...init, headers: { authorization: `Bearer ${org.apiKey}`, "x-aegis-agent": "ops-bot", "content-type": "application/json" } });

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    org = await createTestOrg("Rules Gateway Org");
    owner = { id: org.userId, email: org.ownerEmail };
    await createUpstream(forOrg(getTestDb(), org.orgId), getKeyring(), { orgId: org.orgId, actorId: null, input: { name: "rest", url: `${upstream.url}/api`, allowPrivate: true, timeoutMs: 5000 } });
    gw = await startTestGateway();
  });
  afterAll(async () => {
    await gw?.close();
    await upstream?.close();
  });

  it("a published rule reaches the running gateway within 5 s; a rollback too", async () => {
    const r = callerFor(owner, org.orgSlug).rules;
    expect((await call("/v1/gateway/rest/admin/users")).status).toBe(200);
    await r.saveDraft({ rules: [{ id: "no-admin", effect: "BLOCK", when: { paths: ["/admin/**"] } }] });
    await r.publish({});
    gw.clock.advance(5_000);
    const blocked = await call("/v1/gateway/rest/admin/users");
    expect(blocked.status).toBe(403);
    expect(((await blocked.json()) as { error: { rule_id: string } }).error.rule_id).toBe("no-admin");
    await r.saveDraft({ rules: [] });
    await r.publish({});
    gw.clock.advance(5_000);
    expect((await call("/v1/gateway/rest/admin/users")).status).toBe(200);
    await r.rollback({ version: 1 });
    gw.clock.advance(5_000);
    expect((await call("/v1/gateway/rest/admin/users")).status).toBe(403);
  });

  it("records a compact, redacted policy input and replays the last N requests against a draft", async () => {
    const secret = "ghp_" + "a1B2c3D4e5".repeat(4);
    await call(`/v1/gateway/rest/admin/keys/${secret}`);
    for (let i = 0; i < 3; i++) await call(`/v1/gateway/rest/orders/${i}`);
    const act = await call("/v1/gateway/evaluate", { method: "POST", body: JSON.stringify({ tool: "crm", action: "export_contacts", params: { token: secret, limit: 5 } }) });
    expect(act.status).toBe(200);
    const big = await call("/v1/gateway/evaluate", { method: "POST", body: JSON.stringify({ tool: "crm", action: "import", params: { rows: "x".repeat(5000) } }) });
    expect(big.status).toBe(200);

    const events = await forOrg(getTestDb(), org.orgId).auditEvent.findMany({ orderBy: { seq: "desc" }, take: 6 });
    const flights = JSON.stringify(events.map((e) => e.flight));
    expect(flights).not.toContain(secret);
    const inputs = events.map((e) => (e.flight as { policy_input: Record<string, any> }).policy_input);
    expect(inputs[0]).toMatchObject({ kind: "action", action: { tool: "crm", action: "import", params_omitted: "too_large" } });
    expect(inputs[1]).toMatchObject({ action: { action: "export_contacts", params_omitted: "sensitive" }, findings: [{ category: "secret" }] });
    expect(inputs[1]?.findings[0]).not.toHaveProperty("evidence");
    expect(inputs[2]).toMatchObject({ kind: "request", method: "GET", upstream: "rest", path: "/orders/2", agent: { id: "ops-bot" } });
    expect(inputs[2]).not.toHaveProperty("headers");

    const sim = await callerFor(owner, org.orgSlug).rules.simulate({
      rules: [
        { id: "no-orders", effect: "BLOCK", when: { paths: ["/orders/*"] } },
        { id: "no-exports", effect: "BLOCK", when: { kind: "action", actions: ["export_*"] } },
      ],
      source: { kind: "recent", limit: 5 },
    });
    // The export already was BLOCK (a secret in its params: risk ≥ 80), so it is not "newly" blocked.
    expect(sim.summary).toMatchObject({ total: 5, newly_blocked: 3, changed: 3 });
    expect(sim.results.filter((x) => x.changed).map((x) => x.label)).toEqual(["GET rest/orders/2", "GET rest/orders/1", "GET rest/orders/0"]);
    expect(sim.results[1]).toMatchObject({ label: "crm.export_contacts", recorded: "BLOCK", before: "BLOCK", after: "BLOCK" });
  });

  it("an uploaded custom policy is applied by the running gateway within 5 s, and removal undoes it", async () => {
    const r = callerFor(owner, org.orgSlug).rules;
    const evaluate = async () =>
      (await (await call("/v1/gateway/evaluate", { method: "POST", body: JSON.stringify({ tool: "billing.invoices", action: "list" }) })).json()) as { decision: string; reasons: { rule_id: string }[] };
    expect((await evaluate()).decision).toBe("ALLOW");
    await r.uploadCustomPolicy({ wasmBase64: fixture.toString("base64") });
    gw.clock.advance(5_000);
    const escalated = await evaluate();
    expect(escalated.decision).toBe("ESCALATE");
    expect(escalated.reasons[0]?.rule_id).toBe("custom.billing_agents");
    await r.removeCustomPolicy();
    gw.clock.advance(5_000);
    expect((await evaluate()).decision).toBe("ALLOW");
  });
});

describe("aegis rule | policy | approval", () => {
  let dir: string;
  beforeAll(() => {
    getTestDb();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "aegis-rules-cli-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("adds, lists, publishes and rolls back rules; uploads a policy; decides approvals", async () => {
    const { orgId, orgSlug } = await createTestOrg();
    const file = path.join(dir, "rule.json");
    fs.writeFileSync(file, JSON.stringify({ id: "cli-rule", effect: "BLOCK", when: { methods: ["DELETE"] } }));
    expect(await cli(["rule", "add", "--org", orgSlug, "--file", file])).toMatchObject({ code: 0, out: { added: [{ id: "cli-rule", replaced: false }], draftRules: 1 } });
    fs.writeFileSync(path.join(dir, "bad.json"), JSON.stringify([{ id: "ok", effect: "BLOCK" }, { id: "bad", effect: "BLOCK", when: { methods: [] } }]));
    expect(await cli(["rule", "add", "--org", orgSlug, "--file", path.join(dir, "bad.json")])).toMatchObject({ code: 2, out: { error: { code: "USAGE", message: expect.stringMatching(/rule 2 at when\.methods/) } } });
    expect(await cli(["rule", "list", "--org", orgSlug, "--draft"])).toMatchObject({ code: 0, out: { source: "draft", rules: [{ id: "cli-rule" }] } });
    expect(await cli(["rule", "publish", "--org", orgSlug, "--note", "from cli"])).toMatchObject({ code: 0, out: { version: 1 } });
    expect(await cli(["rule", "list", "--org", orgSlug])).toMatchObject({ code: 0, out: { source: "live", version: 1, rules: [{ id: "cli-rule" }] } });
    fs.writeFileSync(file, JSON.stringify({ rules: [{ id: "cli-rule", effect: "MONITOR" }] }));
    await cli(["rule", "add", "--org", orgSlug, "--file", file]);
    expect(await cli(["rule", "publish", "--org", orgSlug])).toMatchObject({ code: 0, out: { version: 2, diff: { changed: [{ id: "cli-rule" }] } } });
    expect(await cli(["rule", "rollback", "--org", orgSlug, "--version", "1"])).toMatchObject({ code: 0, out: { version: 3, rolledBackTo: 1 } });
    const v3 = await forOrg(getTestDb(), orgId).ruleSetVersion.findFirst({ where: { version: 3 } });
    expect(v3?.author).toBe("cli");

    const wasm = path.join(dir, "policy.wasm");
    fs.writeFileSync(wasm, fixture);
    expect(await cli(["policy", "upload", "--org", orgSlug, "--file", wasm])).toMatchObject({ code: 0, out: { bytes: fixture.byteLength } });
    fs.writeFileSync(path.join(dir, "junk.wasm"), "junk");
    expect(await cli(["policy", "upload", "--org", orgSlug, "--file", path.join(dir, "junk.wasm")])).toMatchObject({ code: 1, out: { error: { code: "UNPROCESSABLE" } } });
    expect(await cli(["policy", "remove", "--org", orgSlug])).toMatchObject({ code: 0, out: { removed: true } });

    const sdb = forOrg(getTestDb(), orgId);
    const mk = (id: string) => sdb.approval.create({ data: { id, orgId, requestId: `req-${id}`, agent: "bot", subject: { kind: "action", action: { tool: "stripe", action: "refund" } }, reason: {}, expiresAt: new Date(Date.now() + 60_000) } });
    await mk(`apr_cli_a_${orgId}`);
    await mk(`apr_cli_d_${orgId}`);
    expect(await cli(["approval", "list", "--org", orgSlug])).toMatchObject({ code: 0, out: [{ status: "pending" }, { status: "pending" }] });
    const approved = await cli(["approval", "approve", "--org", orgSlug, "--id", `apr_cli_a_${orgId}`]);
    expect(approved).toMatchObject({ code: 0, out: { status: "approved", summary: "stripe.refund" } });
    expect(String(approved.out.intent).split(".")).toHaveLength(3);
    expect(await cli(["approval", "deny", "--org", orgSlug, "--id", `apr_cli_d_${orgId}`])).toMatchObject({ code: 0, out: { status: "denied", intent: null } });
    expect(await cli(["approval", "deny", "--org", orgSlug, "--id", `apr_cli_d_${orgId}`])).toMatchObject({ code: 1, out: { error: { code: "CONFLICT" } } });
  });
});
