// Invitation email over real SMTP: nodemailer against a local server that
// speaks the protocol (the mail provider is a third party we cannot reach).
import type { AddressInfo } from "node:net";
import { startSmtpServer } from "@/server/testing/smtp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishResolvedEnv } from "@/server/env";
import { callerFor, createTestOrg, getTestDb, testDatabaseUrl, uniqueEmail } from "@/server/testing/db";

describe("invitation email", () => {
  const smtp = startSmtpServer();

  beforeAll(async () => {
    await new Promise<void>((r) => smtp.server.listen(0, "127.0.0.1", r));
    getTestDb();
    const { port } = smtp.server.address() as AddressInfo;
    publishResolvedEnv({ DATABASE_URL: testDatabaseUrl(), SMTP_URL: `smtp://127.0.0.1:${port}`, AEGIS_PUBLIC_URL: "https://aegis.example.test" });
  });

  afterAll(async () => {
    publishResolvedEnv({ SMTP_URL: "" });
    await new Promise((r) => smtp.server.close(r));
  });

  it("sends the invitation link by email when mail is configured and does not show it in the app", async () => {
    const org = await createTestOrg("Mail Org");
    const invitee = uniqueEmail("mailed");
    const res = await callerFor({ id: org.userId, email: org.ownerEmail }, org.orgSlug).members.invite({ email: invitee, role: "viewer" });
    expect(res.emailed).toBe(true);
    expect(res.link).toBeNull();
    const msg = smtp.messages.at(-1);
    expect(msg?.to.join(" ")).toContain(invitee);
    // The body is quoted-printable: undo soft line breaks and =XX escapes.
    const body = (msg?.data ?? "").replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    expect(body).toMatch(/https:\/\/aegis\.example\.test\/invite\/[A-Za-z0-9_-]{20,}/);
    expect(body).toContain("Mail Org");
  });
});
