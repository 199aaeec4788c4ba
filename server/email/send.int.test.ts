// Invitation email over real SMTP: nodemailer against a local server that
// speaks the protocol (the mail provider is a third party we cannot reach).
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishResolvedEnv } from "@/server/env";
import { callerFor, createTestOrg, getTestDb, testDatabaseUrl, uniqueEmail } from "@/server/testing/db";

function startSmtpServer() {
  const messages: { from: string; to: string[]; data: string }[] = [];
  const server = net.createServer((socket) => {
    let mode: "cmd" | "data" = "cmd";
    let buf = "";
    let current = { from: "", to: [] as string[], data: "" };
    socket.write("220 localhost ESMTP test\r\n");
    socket.on("data", (chunk) => {
      buf += chunk.toString("utf8");
      for (;;) {
        if (mode === "data") {
          const end = buf.indexOf("\r\n.\r\n");
          if (end === -1) return;
          current.data = buf.slice(0, end);
          buf = buf.slice(end + 5);
          messages.push(current);
          current = { from: "", to: [], data: "" };
          mode = "cmd";
          socket.write("250 OK queued\r\n");
          continue;
        }
        const nl = buf.indexOf("\r\n");
        if (nl === -1) return;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250 localhost\r\n");
        else if (verb === "MAIL") (current.from = line), socket.write("250 OK\r\n");
        else if (verb === "RCPT") current.to.push(line), socket.write("250 OK\r\n");
        else if (verb === "DATA") (mode = "data"), socket.write("354 go ahead\r\n");
        else if (verb === "QUIT") socket.end("221 bye\r\n");
        else socket.write("250 OK\r\n");
      }
    });
  });
  return { server, messages };
}

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
