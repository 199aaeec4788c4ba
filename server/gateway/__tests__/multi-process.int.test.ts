// "Every gateway instance honours it within 5 seconds": two real gateway
// processes (server/gateway/testing/serve-gateway.ts) on the per-run database,
// the kill switch and key revocation changed through the real operator CLI,
// and both processes polled until they answer accordingly.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/server/auth/api-keys";
import { forOrg } from "@/server/db/scoped";
import { getKeyring } from "@/server/secrets/keyring";
import { createUpstream } from "@/server/upstreams/upstreams";
import { createTestOrg, getTestDb, testDatabaseUrl } from "@/server/testing/db";
import { startFakeUpstream, type FakeUpstream } from "@/server/gateway/testing/fake-llm";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../../..");
const BOUND_MS = 5_000;

interface GatewayProcess {
  url: string;
  child: ChildProcess;
}

const children: ChildProcess[] = [];
const killAll = () => children.forEach((c) => c.exitCode === null && c.signalCode === null && c.kill("SIGKILL"));
process.once("exit", killAll);

function childEnv(): NodeJS.ProcessEnv {
  // getTestDb() published the per-run database and the test KEK into process.env.
  return { ...process.env, DATABASE_URL: testDatabaseUrl(), AEGIS_KEK: process.env.AEGIS_KEK, AEGIS_KEK_ID: process.env.AEGIS_KEK_ID, LOG_LEVEL: "warn" };
}

async function spawnGateway(): Promise<GatewayProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/gateway/testing/serve-gateway.ts"], { cwd: ROOT, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => void (stderr = (stderr + c.toString()).slice(-4000)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start in 60 s: ${stderr}`)), 60_000);
    child.once("exit", (code) => reject(new Error(`gateway exited (${code}): ${stderr}`)));
    let out = "";
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      const line = out.split("\n").find((l) => l.includes('"listening"'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { port: number }).port);
      }
      if (out.length > 10_000) out = out.slice(-1000);
    });
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

/** The operator CLI as an operator runs it, against the per-run database. */
async function aegis(args: string[], dataDir: string): Promise<unknown> {
  const env = { ...childEnv(), AUTH_SECRET: randomBytes(24).toString("hex"), AEGIS_DATA_DIR: dataDir };
  const { stdout } = await run(process.execPath, [path.join(ROOT, "bin/aegis.mjs"), ...args, "--json"], { cwd: ROOT, env });
  return JSON.parse(stdout);
}

interface Answer {
  status: number;
  decision: string | null;
  code: string | null;
}

async function ask(gw: GatewayProcess, key: string): Promise<Answer> {
  const res = await fetch(`${gw.url}/v1/gateway/rest/items`, { headers: { authorization: `Bearer ${key}` } });
  const body = (await res.json()) as { error?: { decision?: string; code?: string } };
  return { status: res.status, decision: body.error?.decision ?? res.headers.get("x-aegis-decision"), code: body.error?.code ?? null };
}

/**
 * Runs `change` (a CLI call) while polling every gateway; returns, per gateway,
 * the milliseconds from the CLI's exit (the change is committed by then) until
 * the gateway first answered `expected`. Negative: it did so before the CLI exited.
 */
async function timeUntil(gateways: GatewayProcess[], key: string, expected: (a: Answer) => boolean, change: () => Promise<unknown>): Promise<number[]> {
  const seenAt: (number | null)[] = gateways.map(() => null);
  let changedAt: number | null = null;
  let done = false;
  const pollers = gateways.map(async (gw, i) => {
    while (!done) {
      const answer = await ask(gw, key);
      if (expected(answer)) {
        seenAt[i] ??= performance.now();
      } else if (changedAt !== null) {
        seenAt[i] = null; // it must keep answering so once it started (no flapping)
      }
      if (changedAt !== null && seenAt.every((t) => t !== null)) return;
      if (changedAt !== null && performance.now() - changedAt > BOUND_MS * 3) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  await change();
  changedAt = performance.now();
  await Promise.all(pollers);
  done = true;
  return seenAt.map((t) => (t === null ? Number.POSITIVE_INFINITY : Math.round(t - (changedAt as number))));
}

describe("kill switch and revocation across two gateway processes", () => {
  let upstream: FakeUpstream;
  let gateways: GatewayProcess[] = [];
  let org: Awaited<ReturnType<typeof createTestOrg>>;
  let dataDir: string;

  beforeAll(async () => {
    const db = getTestDb();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aegis-mp-"));
    upstream = await startFakeUpstream();
    org = await createTestOrg("Two Gateways");
    await createUpstream(forOrg(db, org.orgId), getKeyring(), { orgId: org.orgId, actorId: null, input: { name: "rest", url: `${upstream.url}/api`, allowPrivate: true, timeoutMs: 5000 } });
    gateways = await Promise.all([spawnGateway(), spawnGateway()]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(
      children.map((c) => new Promise<void>((resolve) => {
        if (c.exitCode !== null || c.signalCode !== null) return resolve();
        const force = setTimeout(() => c.kill("SIGKILL"), 5_000);
        c.once("exit", () => (clearTimeout(force), resolve()));
        c.kill("SIGTERM");
      })),
    );
    await upstream?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("both processes forward traffic before anything changes", async () => {
    for (const gw of gateways) expect(await ask(gw, org.apiKey)).toMatchObject({ status: 200, decision: "ALLOW" });
  });

  it("engaging the kill switch with `aegis kill on` stops both within 5 s, and `off` resumes traffic", async () => {
    const engaged = await timeUntil(gateways, org.apiKey, (a) => a.status === 403 && a.decision === "KILL" && a.code === "KILLED", () => aegis(["kill", "--org", org.orgId, "on"], dataDir));
    console.info(`kill switch honoured after ${engaged.join(" ms, ")} ms`);
    for (const ms of engaged) expect(ms).toBeLessThanOrEqual(BOUND_MS);

    const released = await timeUntil(gateways, org.apiKey, (a) => a.status === 200 && a.decision === "ALLOW", () => aegis(["kill", "--org", org.orgId, "off"], dataDir));
    console.info(`kill switch release honoured after ${released.join(" ms, ")} ms`);
    for (const ms of released) expect(ms).toBeLessThanOrEqual(BOUND_MS);
  }, 90_000);

  it("a key revoked with `aegis key revoke` is refused by both within 5 s; other keys keep working", async () => {
    const temp = await createApiKey(forOrg(getTestDb(), org.orgId), { orgId: org.orgId, actorId: null, name: "to revoke" });
    for (const gw of gateways) expect((await ask(gw, temp.apiKey)).status).toBe(200);
    const revoked = await timeUntil(gateways, temp.apiKey, (a) => a.status === 401 && a.code === "KEY_REVOKED", () => aegis(["key", "revoke", "--org", org.orgId, "--key-id", temp.id], dataDir));
    console.info(`key revocation honoured after ${revoked.join(" ms, ")} ms`);
    for (const ms of revoked) expect(ms).toBeLessThanOrEqual(BOUND_MS);
    for (const gw of gateways) expect((await ask(gw, org.apiKey)).status).toBe(200);
  }, 90_000);
});
