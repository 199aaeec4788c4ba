// Approvers hear about an escalation by email (real SMTP to a local server), through the real
// gateway: owners and admins get what, who, why and the link; analysts do not; a retry loop is
// bounded per org; without mail configured nothing is sent and the call is unaffected.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishResolvedEnv } from "@/server/env";
import { forOrg } from "@/server/db/scoped";
import { getKeyring } from "@/server/secrets/keyring";
import { createUpstream } from "@/server/upstreams/upstreams";
import { addMember, createTestOrg, getTestDb, testDatabaseUrl } from "@/server/testing/db";
import { decodedBody, startSmtpServer } from "@/server/testing/smtp";
import { startFakeUpstream, type FakeUpstream } from "@/server/gateway/testing/fake-llm";
import { startTestGateway, type RunningGateway } from "@/server/gateway/testing/harness";
import { addDraftRule, publishRules } from "@/server/rules/rule-sets";
import { NOTIFY_LIMIT, notifyApprovers } from "./notify";

describe("approval notifications", () => {
  const smtp = startSmtpServer();
  let upstream: FakeUpstream;
  let gw: RunningGateway;
  let org: Awaited<ReturnType<typeof createTestOrg>>;
  const members: Record<string, string> = {};

  beforeAll(async () => {
    await new Promise<void>((r) => smtp.server.listen(0, "127.0.0.1", r));
    const db = getTestDb();
    const { port } = smtp.server.address() as AddressInfo;
    publishResolvedEnv({ DATABASE_URL: testDatabaseUrl(), SMTP_URL: `smtp://127.0.0.1:${port}`, AEGIS_PUBLIC_URL: "https://aegis.example.test" });
    upstream = await startFakeUpstream();
    org = await createTestOrg("Notify Org");
    const sdb = forOrg(db, org.orgId);
    await createUpstream(sdb, getKeyring(), { orgId: org.orgId, actorId: null, input: { name: "rest", url: `${upstream.url}/api`, allowPrivate: true, timeoutMs: 5000 } });
    await addDraftRule(sdb, { orgId: org.orgId, actorId: null, rule: { id: "refunds-need-a-human", effect: "ESCALATE", enabled: true, priority: 300, shadow: false, when: { methods: ["POST"], paths: ["/refunds"] } } });
    await publishRules(sdb, { orgId: org.orgId, actorId: null });
    for (const role of ["admin", "analyst"] as const) members[role] = (await addMember(org.orgId, role)).email;
    gw = await startTestGateway();
  });

  afterAll(async () => {
    publishResolvedEnv({ SMTP_URL: "" });
    await gw?.close();
    await upstream?.close();
    await new Promise((r) => smtp.server.close(r));
  });

  it("emails owners and admins what waits for them, not analysts, without delaying the call", async () => {
    const res = await fetch(`${gw.url}/v1/gateway/rest/refunds`, {
      method: "POST",
      headers: { authorization: `Bearer ${org.apiKey}`, "content-type": "application/json", "x-aegis-agent": "billing-bot" },
      body: JSON.stringify({ amount: 120 }),
    });
    expect(res.status).toBe(202);
    for (let i = 0; i < 100 && smtp.messages.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    const to = smtp.messages.flatMap((m) => m.to).join(" ");
    expect(to).toContain(org.ownerEmail);
    expect(to).toContain(members.admin);
    expect(to).not.toContain(members.analyst);
    const body = decodedBody(smtp.messages[0]);
    expect(body).toContain("billing-bot asked for: POST rest/refunds");
    expect(body).toContain("refunds-need-a-human");
    expect(body).toContain(`https://aegis.example.test/${org.orgSlug}/approvals`);
    expect(body).not.toContain("120"); // never the request body
  });

  it("bounds mail per org, and sends nothing without mail configured", async () => {
    const notice = { orgId: org.orgId, orgSlug: org.orgSlug, approvalId: "apr_x", agent: null, what: "POST rest/refunds", reasons: [], risk: 0, expiresAt: new Date() };
    const later = Date.now() + 3_600_000; // a fresh window
    const counts: number[] = [];
    for (let i = 0; i <= NOTIFY_LIMIT; i++) counts.push(await notifyApprovers(getTestDb(), notice, later));
    expect(counts).toEqual([...Array(NOTIFY_LIMIT).fill(2), 0]);
    publishResolvedEnv({ SMTP_URL: "" });
    expect(await notifyApprovers(getTestDb(), notice, later + 7_200_000)).toBe(0);
  });
});
