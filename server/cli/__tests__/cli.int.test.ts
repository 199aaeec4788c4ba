// The real `aegis` binary against the per-run database.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { testDatabaseUrl, uniqueEmail } from "@/server/testing/db";

const run = promisify(execFile);

async function aegis(...args: string[]): Promise<{ code: number; out: string; err: string; json: Record<string, unknown> | null }> {
  const env = { ...process.env, DATABASE_URL: testDatabaseUrl(), AEGIS_KEK: Buffer.alloc(32, 7).toString("base64"), AEGIS_KEK_ID: "test", AUTH_SECRET: "x".repeat(32), LOG_LEVEL: "error" };
  try {
    const { stdout, stderr } = await run(process.execPath, ["bin/aegis.mjs", ...args], { env, timeout: 60_000 });
    return { code: 0, out: stdout, err: stderr, json: safeJson(stdout) };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr, json: safeJson(x.stdout) };
  }
}

function safeJson(s: string): Record<string, unknown> | null {
  try {
    return JSON.parse(s) as Record<string, unknown>;
  } catch {
    return null;
  }
}

describe("aegis CLI", { timeout: 180_000 }, () => {
  const email = uniqueEmail("cli");
  const password = "Cli-Password-42x";

  it("creates an org with its owner and first key, and refuses bad owners", async () => {
    const created = await aegis("org", "create", "--name", "CLI Org", "--owner-email", email, "--owner-password", password, "--json");
    expect(created.code).toBe(0);
    expect(created.json?.orgId).toMatch(/^org_/);
    expect(created.json?.apiKey).toMatch(/^aegis_[A-Za-z0-9]{40}$/);

    const wrong = await aegis("org", "create", "--name", "Second", "--owner-email", email, "--owner-password", "Not-The-Password-1", "--json");
    expect(wrong.code).toBe(1);
    expect(wrong.json).toMatchObject({ error: { code: "UNAUTHORIZED" } });

    const second = await aegis("org", "create", "--name", "Second", "--owner-email", email, "--owner-password", password, "--json");
    expect(second.code).toBe(0);

    const weak = await aegis("org", "create", "--name", "Weak", "--owner-email", uniqueEmail(), "--owner-password", "abc", "--json");
    expect(weak.code).toBe(1);
    expect(JSON.stringify(weak.json)).toMatch(/at least 10 characters/);
  });

  it("creates and revokes keys, with clear errors", async () => {
    const org = await aegis("org", "create", "--name", "Key Org", "--owner-email", uniqueEmail(), "--owner-password", password, "--json");
    const orgId = String(org.json?.orgId);
    const key = await aegis("key", "create", "--org", orgId, "--name", "ci", "--json");
    expect(key.code).toBe(0);
    expect(key.json?.id).toMatch(/^key_/);
    const revoked = await aegis("key", "revoke", "--org", orgId, "--key-id", String(key.json?.id), "--json");
    expect(revoked.code).toBe(0);
    const again = await aegis("key", "revoke", "--org", orgId, "--key-id", String(key.json?.id), "--json");
    expect(again.json).toMatchObject({ error: { code: "CONFLICT" } });
    const missing = await aegis("key", "create", "--org", "no-such-org", "--name", "x", "--json");
    expect(missing.json).toMatchObject({ error: { code: "NOT_FOUND" } });
  });

  it("manages upstreams with the SSRF guard, the kill switch and quotas", async () => {
    const org = await aegis("org", "create", "--name", "Ops Org", "--owner-email", uniqueEmail(), "--owner-password", password, "--json");
    const orgId = String(org.json?.orgId);
    const refused = await aegis("upstream", "add", "--org", orgId, "--name", "local", "--url", "http://127.0.0.1:8080", "--json");
    expect(refused.code).toBe(1);
    expect(JSON.stringify(refused.json)).toMatch(/loopback/);
    const meta = await aegis("upstream", "add", "--org", orgId, "--name", "meta", "--url", "http://169.254.169.254/latest", "--allow-private", "--json");
    expect(meta.code).toBe(1);
    const ok = await aegis("upstream", "add", "--org", orgId, "--name", "local", "--url", "http://127.0.0.1:8080", "--allow-private", "--secret", "s3cret-value", "--json");
    expect(ok.code).toBe(0);
    const list = await aegis("upstream", "list", "--org", orgId, "--json");
    expect(list.out).not.toContain("s3cret-value");
    expect(list.out).toContain('"hasSecret":true');
    expect((await aegis("kill", "--org", orgId, "on", "--json")).json).toMatchObject({ engaged: true, agent: null });
    expect((await aegis("kill", "--org", orgId, "off", "--agent", "bot-1", "--json")).json).toMatchObject({ engaged: false, agent: "bot-1" });
    expect((await aegis("quota", "set", "--org", orgId, "--rps", "50", "--burst", "100", "--json")).json).toMatchObject({ requestsPerSecond: 50, burst: 100 });
    expect((await aegis("quota", "set", "--org", orgId, "--burst", "5", "--json")).code).toBe(2);
  });

  it("reports usage errors with exit code 2", async () => {
    expect((await aegis("key", "create", "--json")).code).toBe(2);
    expect((await aegis("frobnicate")).code).toBe(2);
    expect((await aegis("kill", "--org", "x", "maybe")).code).toBe(2);
  });
});
