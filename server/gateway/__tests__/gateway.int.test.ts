// The gateway end to end: real PostgreSQL, real HTTP, the official openai
// client and fetch against a local upstream that speaks their protocols.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forOrg } from "@/server/db/scoped";
import { createApiKey, revokeApiKey } from "@/server/auth/api-keys";
import { setKillSwitch } from "@/server/killswitch/killswitch";
import { setQuota } from "@/server/quota/quota-policies";
import { getKeyring } from "@/server/secrets/keyring";
import { createUpstream } from "@/server/upstreams/upstreams";
import { createTestOrg, getTestDb } from "@/server/testing/db";
import { startFakeUpstream, type FakeUpstream } from "@/server/gateway/testing/fake-llm";
import { startTestGateway, type RunningGateway } from "@/server/gateway/testing/harness";

const UPSTREAM_SECRET = "sk-upstreamSECRET1234567890abcdefXYZ";

describe("gateway", () => {
  let upstream: FakeUpstream;
  let gw: RunningGateway;
  let org: Awaited<ReturnType<typeof createTestOrg>>;

  const call = (path: string, init: RequestInit = {}, key = org.apiKey) =>
    fetch(`${gw.url}${path}`, { ...init, headers: { authorization: `Bearer ${key}`, ...(init.headers as Record<string, string>) } });

  beforeAll(async () => {
    const db = getTestDb();
    upstream = await startFakeUpstream();
    org = await createTestOrg("Gateway Org");
    const sdb = forOrg(db, org.orgId);
    await createUpstream(sdb, getKeyring(), { orgId: org.orgId, actorId: null, input: { name: "llm", url: `${upstream.url}/v1`, secret: UPSTREAM_SECRET, allowPrivate: true, timeoutMs: 5000 } });
    await createUpstream(sdb, getKeyring(), { orgId: org.orgId, actorId: null, input: { name: "rest", url: `${upstream.url}/api`, allowPrivate: true, timeoutMs: 5000 } });
    await createUpstream(sdb, getKeyring(), { orgId: org.orgId, actorId: null, input: { name: "dead", url: "http://127.0.0.1:9", allowPrivate: true, timeoutMs: 1000 } });
    gw = await startTestGateway();
  });

  afterAll(async () => {
    await gw?.close();
    await upstream?.close();
  });

  it("proxies the official openai client (non-streaming) with the upstream secret injected", async () => {
    const client = new OpenAI({ apiKey: org.apiKey, baseURL: `${gw.url}/v1/gateway/llm/v1` });
    const res = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Say hello" }] });
    expect(res.choices[0]?.message.content).toBe(upstream.reply.text);
    const seen = upstream.received.at(-1);
    expect(seen?.headers.authorization).toBe(`Bearer ${UPSTREAM_SECRET}`);
    expect(JSON.stringify(seen?.headers)).not.toContain(org.apiKey);
  });

  it("streams chat completions chunk by chunk through the openai client", async () => {
    const client = new OpenAI({ apiKey: org.apiKey, baseURL: `${gw.url}/v1/gateway/llm/v1` });
    const stream = await client.chat.completions.create({ model: "gpt-4o-mini", stream: true, messages: [{ role: "user", content: "Stream please" }] });
    const parts: string[] = [];
    for await (const chunk of stream) parts.push(chunk.choices[0]?.delta?.content ?? "");
    expect(parts.join("")).toBe(upstream.reply.text);
    expect(parts.filter(Boolean).length).toBeGreaterThan(2);
  });

  it("answers every response with a request id and stage timings", async () => {
    const res = await call("/v1/gateway/rest/items?x=1");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-aegis-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const timing = res.headers.get("server-timing") ?? "";
    for (const stage of ["kill_switch", "authenticate", "quota", "inspect", "policy", "decide", "record", "execute"]) expect(timing).toContain(stage);
    expect(await res.json()).toMatchObject({ ok: true, path: "/api/items", query: "?x=1" });
  });

  it("redacts secrets and the upstream's own secret from responses", async () => {
    upstream.reply.text = `key AKIAIOSFODNN7EXAMPLE and ${UPSTREAM_SECRET} end`;
    const res = await call("/v1/gateway/rest/echo");
    const body = await res.text();
    upstream.reply.text = "Hello from the fake model.";
    // A small response of declared length is read whole and redacted in one pass: exact length.
    expect(res.headers.get("content-length")).toBe(String(Buffer.byteLength(body)));
    expect(body).not.toContain("AKIAIOSFODNN7EXAMPLE");
    expect(body).not.toContain(UPSTREAM_SECRET);
    expect(body).toContain("end");
  });

  it("blocks a SQL injection with the documented error shape and records it", async () => {
    const res = await call(`/v1/gateway/rest/users?id=${encodeURIComponent("1' UNION SELECT password FROM users--")}`);
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ code: "BLOCKED", decision: "BLOCK", stage: "decide" });
    expect(body.error.request_id).toBe(res.headers.get("x-aegis-request-id"));
    const ev = await forOrg(getTestDb(), org.orgId).auditEvent.findFirst({ where: { requestId: String(body.error.request_id) } });
    expect(ev?.decision).toBe("BLOCK");
    expect(upstream.received.some((r) => r.url.includes("UNION"))).toBe(false);
  });

  it("applies per-upstream detector tuning from the app", async () => {
    const { updateInspectionSettings } = await import("@/server/inspection-settings/settings");
    const sdb = forOrg(getTestDb(), org.orgId);
    const rest = await sdb.upstream.findFirst({ where: { name: "rest" } });
    const probe = `/v1/gateway/rest/search?q=${encodeURIComponent("<script>alert(1)</script>")}`;
    expect((await call(probe)).status).toBe(403);
    await updateInspectionSettings(sdb, { orgId: org.orgId, actorId: org.userId, input: { upstreamId: rest?.id, patch: { disabledRules: ["xss"] } } });
    gw.clock.advance(5_000);
    expect((await call(probe)).status).toBe(200);
    await updateInspectionSettings(sdb, { orgId: org.orgId, actorId: org.userId, input: { upstreamId: rest?.id, patch: {} } });
    gw.clock.advance(5_000);
    expect((await call(probe)).status).toBe(403);
  });

  it("refuses bad input with clear 4xx errors", async () => {
    expect((await call("/v1/gateway/nope/x")).status).toBe(404);
    expect((await call("/v1/gateway/Bad Alias/x")).status).toBe(404);
    expect((await fetch(`${gw.url}/v1/gateway/rest/x`)).status).toBe(401);
    expect((await call("/v1/gateway/rest/x", {}, "aegis_" + "x".repeat(40))).status).toBe(401);
    const malformed = await call("/v1/gateway/rest/x", { method: "POST", headers: { "content-type": "application/json" }, body: "{nope" });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe("MALFORMED_JSON");
    const badUtf8 = await call("/v1/gateway/rest/x", { method: "POST", headers: { "content-type": "application/json" }, body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) });
    expect(badUtf8.status).toBe(400);
    const big = await call("/v1/gateway/rest/x", { method: "POST", headers: { "content-type": "text/plain" }, body: "a".repeat(gw.gateway.deps.options.maxBodyBytes + 1) });
    expect(big.status).toBe(413);
    // Without a declared length (chunked upload), the limit is enforced while reading.
    const max = gw.gateway.deps.options.maxBodyBytes;
    const chunk = new Uint8Array(64 * 1024).fill(97);
    const chunked = await call("/v1/gateway/rest/x", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: new ReadableStream({
        start(c) {
          for (let sent = 0; sent <= max; sent += chunk.byteLength) c.enqueue(chunk);
          c.close();
        },
      }),
      // @ts-expect-error fetch needs duplex for a streamed request body
      duplex: "half",
    });
    expect(chunked.status).toBe(413);
    expect(((await chunked.json()) as { error: { code: string } }).error.code).toBe("PAYLOAD_TOO_LARGE");
    const badAction = await call("/v1/gateway/evaluate", { method: "POST", body: JSON.stringify({ tool: "" }) });
    expect(badAction.status).toBe(422);
    const getEvaluate = await call("/v1/gateway/evaluate");
    expect(getEvaluate.status).toBe(405);
    const huge = await call("/v1/gateway/rest/x", { headers: { "x-huge": "h".repeat(64 * 1024) } }).catch((e: unknown) => e);
    // node:http refuses oversized headers itself (431) before any of our code runs.
    expect(huge).toBeInstanceOf(Response);
    expect((huge as Response).status).toBe(431);
  });

  it("decides agent actions on the evaluate endpoint without forwarding", async () => {
    const before = upstream.received.length;
    const drop = await call("/v1/gateway/evaluate", { method: "POST", body: JSON.stringify({ agent: "bot", tool: "postgres", action: "execute", params: { sql: "DROP TABLE customers" } }) });
    expect(drop.status).toBe(200);
    expect(((await drop.json()) as { decision: string }).decision).toBe("BLOCK");
    const read = await call("/v1/gateway/evaluate", { method: "POST", body: JSON.stringify({ agent: "bot", tool: "postgres", action: "execute", params: { sql: "SELECT name FROM customers WHERE id = 4" } }) });
    expect(((await read.json()) as { decision: string }).decision).toBe("ALLOW");
    expect(upstream.received.length).toBe(before);
  });

  it("stops a revoked key within the cache bound", async () => {
    const sdb = forOrg(getTestDb(), org.orgId);
    const k = await createApiKey(sdb, { orgId: org.orgId, actorId: null, name: "temp" });
    expect((await call("/v1/gateway/rest/x", {}, k.apiKey)).status).toBe(200);
    await revokeApiKey(sdb, { orgId: org.orgId, actorId: null, keyId: k.id });
    gw.clock.advance(5_000);
    const res = await call("/v1/gateway/rest/x", {}, k.apiKey);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("KEY_REVOKED");
  });

  it("honours the kill switch per agent and per org", async () => {
    const sdb = forOrg(getTestDb(), org.orgId);
    await setKillSwitch(sdb, { orgId: org.orgId, actor: "test", actorId: null, engaged: true, agent: "rogue" });
    gw.clock.advance(5_000);
    const rogue = await call("/v1/gateway/rest/x", { headers: { "x-aegis-agent": "rogue" } });
    expect(rogue.status).toBe(403);
    expect(((await rogue.json()) as { error: { decision: string } }).error.decision).toBe("KILL");
    expect((await call("/v1/gateway/rest/x", { headers: { "x-aegis-agent": "good" } })).status).toBe(200);
    await setKillSwitch(sdb, { orgId: org.orgId, actor: "test", actorId: null, engaged: true });
    gw.clock.advance(5_000);
    expect((await call("/v1/gateway/rest/x")).status).toBe(403);
    await setKillSwitch(sdb, { orgId: org.orgId, actor: "test", actorId: null, engaged: false });
    await setKillSwitch(sdb, { orgId: org.orgId, actor: "test", actorId: null, engaged: false, agent: "rogue" });
    gw.clock.advance(5_000);
    expect((await call("/v1/gateway/rest/x", { headers: { "x-aegis-agent": "rogue" } })).status).toBe(200);
  });

  it("throttles over quota with Retry-After and RateLimit headers", async () => {
    const sdb = forOrg(getTestDb(), org.orgId);
    await setQuota(sdb, { orgId: org.orgId, actorId: null, input: { agent: "limited", requestsPerSecond: 1, burst: 2 } });
    gw.clock.advance(5_000);
    const h = { "x-aegis-agent": "limited" };
    expect((await call("/v1/gateway/rest/x", { headers: h })).status).toBe(200);
    expect((await call("/v1/gateway/rest/x", { headers: h })).status).toBe(200);
    const third = await call("/v1/gateway/rest/x", { headers: h });
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(third.headers.get("ratelimit-limit")).toBe("2");
    gw.clock.advance(1_000);
    expect((await call("/v1/gateway/rest/x", { headers: h })).status).toBe(200);
  });

  it("maps upstream failures to 502 and opens the circuit breaker (503)", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await call("/v1/gateway/dead/x")).status);
    expect(statuses.slice(0, 5)).toEqual([502, 502, 502, 502, 502]);
    const open = await call("/v1/gateway/dead/x");
    expect(open.status).toBe(503);
    expect(((await open.json()) as { error: { code: string } }).error.code).toBe("CIRCUIT_OPEN");
  });

  it("keeps the audit chain gapless for every decision", async () => {
    const events = await forOrg(getTestDb(), org.orgId).auditEvent.findMany({ orderBy: { seq: "asc" }, select: { seq: true, hash: true, prevHash: true } });
    expect(events.length).toBeGreaterThan(10);
    events.forEach((e, i) => {
      expect(Number(e.seq)).toBe(i + 1);
      if (i > 0) expect(e.prevHash).toBe(events[i - 1]?.hash);
    });
  });
});
