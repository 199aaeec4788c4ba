import { randomBytes } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createPostgresAuditSink } from "@/server/audit/appender";
import { latestTreeHead } from "@/server/audit/store";
import { createKeyring } from "@/server/crypto/envelope";
import { createTestOrg, getTestDb } from "@/server/testing/db";
import { AUDIT_SEAL_REQUESTED, sealAllAuditLogs, sealOrgAuditLog } from "./audit-seal";
import { toInngestFunction } from "./client";
import { defineJob, type TAnyJob, type TJobDeps } from "./definition";
import { createLocalJobDriver } from "./local-driver";

const kek = createKeyring({ current: { kid: "test", key: randomBytes(32) } });
const deps = (): TJobDeps => ({ db: getTestDb(), kek, now: () => new Date() });
const sink = createPostgresAuditSink(getTestDb(), { kek });
afterAll(() => sink.close());

async function orgWithEvents(n: number): Promise<string> {
  const { orgId } = await createTestOrg();
  for (let i = 0; i < n; i++) {
    await sink.append({ orgId, requestId: `r${i}`, ts: new Date(), agent: null, upstream: "u", decision: "ALLOW", stage: null, ruleIds: [], findings: [], latencyUs: 1, flight: null });
  }
  return orgId;
}

describe("audit seal jobs", () => {
  afterEach(() => vi.useRealTimers());

  it("runs under Inngest (@inngest/test) from the same definition", async () => {
    const orgId = await orgWithEvents(5);
    const t = new InngestTestEngine({ function: toInngestFunction(sealOrgAuditLog as unknown as TAnyJob, deps), events: [{ name: AUDIT_SEAL_REQUESTED, data: { orgId } }] });
    const { result, error } = await t.execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ orgId, status: "sealed", treeSize: 5 });
    const bad = new InngestTestEngine({ function: toInngestFunction(sealOrgAuditLog as unknown as TAnyJob, deps), events: [{ name: AUDIT_SEAL_REQUESTED, data: {} }] });
    expect((await bad.execute()).error).toBeDefined();
  });

  it("runs in-process with the local driver: events directly, the daily sweep on demand", async () => {
    const driver = await createLocalJobDriver({ deps, mode: "local", jobs: [sealOrgAuditLog, sealAllAuditLogs] as unknown as TAnyJob[] });
    try {
      const a = await orgWithEvents(3);
      const [res] = await driver.send({ name: AUDIT_SEAL_REQUESTED, data: { orgId: a } });
      expect(res).toMatchObject({ status: "sealed", treeSize: 3 });
      await expect(driver.send({ name: AUDIT_SEAL_REQUESTED, data: { orgId: "" } })).rejects.toThrow();
      const b = await orgWithEvents(4);
      const sweep = (await driver.runNow("audit-seal-daily")) as { sealed: { orgId: string; treeSize: number }[] };
      expect(sweep.sealed).toContainEqual({ orgId: b, treeSize: 4 });
      expect(sweep.sealed.map((s) => s.orgId)).not.toContain(a);
      expect((await latestTreeHead(getTestDb(), b))?.tree_head.tree_size).toBe(4);
    } finally {
      driver.stop();
    }
  });

  it("fires cron jobs on schedule and never stacks a slow run", async () => {
    vi.useFakeTimers({ now: new Date("2026-01-01T00:00:30.000Z") });
    let runs = 0;
    let release: () => void = () => undefined;
    const job = defineJob({
      id: "every-minute", trigger: { cron: "* * * * *" }, schema: z.object({}),
      handler: () => { runs++; return new Promise<void>((r) => (release = r)); },
    });
    const driver = await createLocalJobDriver({ deps, mode: "local", jobs: [job as unknown as TAnyJob] });
    await vi.advanceTimersByTimeAsync(29_000);
    expect(runs).toBe(0);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000); // still running: skipped
    expect(runs).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toBe(2);
    driver.stop();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(runs).toBe(2);
  });
});
