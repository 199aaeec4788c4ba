// Agent JWTs (issuer keys, exp, JTI replay, revocation), LLM cost caps with the
// 80% warning, and the quota store's degraded modes against an unreachable Redis.
import { SignJWT, exportJWK, generateKeyPair } from "jose";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAgentIdentity, revokeAgentIdentity } from "@/server/agents/agents";
import { forOrg } from "@/server/db/scoped";
import { setQuota } from "@/server/quota/quota-policies";
import { costUsd } from "@/server/quota/pricing";
import { getKeyring } from "@/server/secrets/keyring";
import { createSelfHostedRedisStore } from "@/server/store/redis";
import { createUpstream } from "@/server/upstreams/upstreams";
import { createTestOrg, getTestDb } from "@/server/testing/db";
import { startFakeUpstream, type FakeUpstream } from "@/server/gateway/testing/fake-llm";
import { startTestGateway, type RunningGateway } from "@/server/gateway/testing/harness";

describe("gateway identity, cost caps and degraded modes", () => {
  let upstream: FakeUpstream;
  let gw: RunningGateway;
  let org: Awaited<ReturnType<typeof createTestOrg>>;
  let privateKey: CryptoKey;
  const issuer = `https://agents-${Date.now()}.example.test`;

  beforeAll(async () => {
    const db = getTestDb();
    upstream = await startFakeUpstream();
    org = await createTestOrg("Identity Org");
    const sdb = forOrg(db, org.orgId);
    await createUpstream(sdb, getKeyring(), { orgId: org.orgId, actorId: null, input: { name: "llm", url: `${upstream.url}/v1`, allowPrivate: true, timeoutMs: 5000 } });
    const pair = await generateKeyPair("EdDSA", { crv: "Ed25519" });
    privateKey = pair.privateKey as CryptoKey;
    const jwk = await exportJWK(pair.publicKey);
    await registerAgentIdentity(sdb, { orgId: org.orgId, actorId: null, input: { name: "support-bot", issuer, jwks: { keys: [{ ...jwk, kty: "OKP", kid: "k1", alg: "EdDSA" }] } } });
    gw = await startTestGateway();
  });

  afterAll(async () => {
    await gw?.close();
    await upstream?.close();
  });

  const token = (claims: { sub?: string; jti?: string; exp?: number } = {}) =>
    new SignJWT({})
      .setProtectedHeader({ alg: "EdDSA", kid: "k1" })
      .setIssuer(issuer)
      .setSubject(claims.sub ?? "support-bot")
      .setJti(claims.jti ?? crypto.randomUUID())
      .setIssuedAt(Math.floor(gw.clock.now() / 1000))
      .setExpirationTime(claims.exp ?? Math.floor(gw.clock.now() / 1000) + 300)
      .sign(privateKey);

  const withJwt = async (jwt: string) => fetch(`${gw.url}/v1/gateway/llm/v1/models`, { headers: { authorization: `Bearer ${jwt}` } });

  it("accepts a valid agent JWT once and refuses its replay", async () => {
    const jwt = await token();
    expect((await withJwt(jwt)).status).toBe(200);
    const replay = await withJwt(jwt);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe("TOKEN_REPLAYED");
  });

  it("refuses expired, foreign-signed and unknown-issuer tokens", async () => {
    const expired = await withJwt(await token({ exp: Math.floor(gw.clock.now() / 1000) - 120 }));
    expect(expired.status).toBe(401);
    const other = await generateKeyPair("EdDSA", { crv: "Ed25519" });
    const forged = await new SignJWT({}).setProtectedHeader({ alg: "EdDSA", kid: "k1" }).setIssuer(issuer).setSubject("support-bot").setJti("x1").setExpirationTime("5m").sign(other.privateKey);
    expect((await withJwt(forged)).status).toBe(401);
    const stranger = await new SignJWT({}).setProtectedHeader({ alg: "EdDSA" }).setIssuer("https://unknown.test").setSubject("x").setJti("x2").setExpirationTime("5m").sign(privateKey);
    expect((await withJwt(stranger)).status).toBe(401);
  });

  it("stops a revoked agent identity", async () => {
    const db = getTestDb();
    const ok = await withJwt(await token());
    expect(ok.status).toBe(200);
    await revokeAgentIdentity(forOrg(db, org.orgId), { orgId: org.orgId, actorId: null, ref: "support-bot" });
    gw.clock.advance(5_000);
    const res = await withJwt(await token());
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("AGENT_REVOKED");
  });

  it("counts LLM cost after the response, warns once at 80% and blocks at 100%", async () => {
    const db = getTestDb();
    const oneCall = costUsd("gpt-4o", { inputTokens: 12, outputTokens: 8 });
    await setQuota(forOrg(db, org.orgId), { orgId: org.orgId, actorId: null, input: { agent: "spender", monthlyCostUsd: oneCall * 1.5 } });
    gw.clock.advance(5_000);
    const client = new OpenAI({ apiKey: org.apiKey, baseURL: `${gw.url}/v1/gateway/llm/v1`, defaultHeaders: { "x-aegis-agent": "spender" }, maxRetries: 0 });
    const ask = () => client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] });
    const warnings = () => forOrg(db, org.orgId).activityEvent.count({ where: { action: "quota.cost_warning" } });
    await ask();
    await new Promise((r) => setTimeout(r, 100));
    expect(await warnings()).toBe(0);
    const stream = await client.chat.completions.create({ model: "gpt-4o", stream: true, messages: [{ role: "user", content: "hi" }] });
    for await (const _ of stream) void _;
    await expect.poll(warnings, { timeout: 2000 }).toBe(1);
    const blocked = await ask().catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(OpenAI.APIError);
    expect((blocked as InstanceType<typeof OpenAI.APIError>).status).toBe(429);
    expect(await warnings()).toBe(1);
  });

  describe("when the quota store is unreachable", () => {
    let degraded: RunningGateway;
    const send = (q = "") => fetch(`${degraded.url}/v1/gateway/llm/v1/models${q}`, { headers: { authorization: `Bearer ${org.apiKey}` } });

    beforeAll(async () => {
      await setQuota(forOrg(getTestDb(), org.orgId), { orgId: org.orgId, actorId: null, input: { requestsPerSecond: 1000 } });
      // A real Redis client pointed at a port where nothing listens.
      degraded = await startTestGateway({ store: createSelfHostedRedisStore("redis://127.0.0.1:1") });
    });
    afterAll(async () => degraded?.close());

    const setMode = async (mode: "block_all" | "block_high_risk" | "allow_with_audit") => {
      await getTestDb().organization.update({ where: { id: org.orgId }, data: { degradedMode: mode, configVersion: { increment: 1 } } });
      degraded.clock.advance(5_000);
    };

    it("block_all refuses everything with 503", async () => {
      await setMode("block_all");
      const res = await send();
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("QUOTA_STORE_UNAVAILABLE");
    });

    it("block_high_risk lets low-risk traffic through and blocks risky traffic", async () => {
      await setMode("block_high_risk");
      expect((await send()).status).toBe(200);
      const risky = await send(`?q=${encodeURIComponent("<script>alert(document.cookie)</script>")}`);
      expect(risky.status).toBe(403);
      expect(((await risky.json()) as { error: { rule_id: string } }).error.rule_id).toMatch(/^(degraded\.block_high_risk|platform\.risk\.block)$/);
    });

    it("allow_with_audit forwards and records that the decision was degraded", async () => {
      await setMode("allow_with_audit");
      const res = await send();
      expect(res.status).toBe(200);
      const ev = await forOrg(getTestDb(), org.orgId).auditEvent.findFirst({ where: { requestId: res.headers.get("x-aegis-request-id") ?? "" } });
      expect(JSON.stringify(ev?.flight)).toContain("quota_store_unavailable:allow_with_audit");
    });
  });
});
