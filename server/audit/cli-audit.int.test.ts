import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishResolvedEnv } from "@/server/env";
import { createTestOrg, getTestDb } from "@/server/testing/db";
import { runCliJson } from "@/server/testing/cli";
import { createPostgresAuditSink, type AuditSink } from "./appender";
import { getKeyring } from "@/server/secrets/keyring";

let dir: string;
let sink: AuditSink;

const cli = runCliJson;

beforeAll(() => {
  getTestDb();
  publishResolvedEnv({ AEGIS_KEK: randomBytes(32).toString("base64"), AUTH_SECRET: randomBytes(24).toString("hex") });
  sink = createPostgresAuditSink(getTestDb(), { kek: getKeyring() });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "aegis-audit-cli-"));
});
afterAll(async () => {
  await sink.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const append = (orgId: string, n: number) =>
  sink.append({ orgId, requestId: `req_${n}`, ts: new Date(), agent: null, upstream: "openai", decision: "ALLOW", stage: null, ruleIds: [], findings: [], latencyUs: 1830, flight: null });

describe("aegis audit seal | export | verify", () => {
  it("seals, exports and verifies; a tampered export names its first broken event", async () => {
    const { orgId, orgSlug } = await createTestOrg();
    for (let i = 1; i <= 30; i++) await append(orgId, i);
    const sealed = await cli(["audit", "seal", "--org", orgSlug]);
    expect(sealed).toMatchObject({ code: 0, out: { org: orgId, status: "sealed", tree_size: 30 } });
    const cut = new Date();
    await new Promise((r) => setTimeout(r, 5));
    for (let i = 31; i <= 35; i++) await append(orgId, i);

    const file = path.join(dir, "full.jsonl");
    expect(await cli(["audit", "export", "--org", orgId, "--out", file])).toMatchObject({ code: 0, out: { events: 35, tree_heads: 1, keys: 1 } });
    expect(await cli(["audit", "verify", file])).toMatchObject({ code: 0, out: { ok: true, events: 35, tree_heads: 1, uncovered_events: 5, latest_tree_head: { tree_size: 30 } } });

    const prefix = path.join(dir, "prefix.jsonl");
    expect(await cli(["audit", "export", "--org", orgId, "--out", prefix, "--to", cut.toISOString()])).toMatchObject({ code: 0, out: { events: 30 } });
    expect(await cli(["audit", "verify", prefix])).toMatchObject({ code: 0, out: { events: 30, uncovered_events: 0 } });

    const lines = fs.readFileSync(file, "utf8").split("\n");
    const target = lines.findIndex((l) => l.includes('"seq":12,'));
    lines[target] = (lines[target] ?? "").replace('"latency_us":1830', '"latency_us":1831');
    const tampered = path.join(dir, "tampered.jsonl");
    fs.writeFileSync(tampered, lines.join("\n"));
    const bad = await cli(["audit", "verify", tampered]);
    expect(bad.code).toBe(1);
    expect(bad.out.error.message).toContain(`line ${target + 1} (event seq 12): HASH_MISMATCH`);

    const dropped = path.join(dir, "dropped.jsonl");
    fs.writeFileSync(dropped, fs.readFileSync(file, "utf8").split("\n").filter((l) => !l.includes('"seq":20,')).join("\n"));
    expect((await cli(["audit", "verify", dropped])).out.error.message).toMatch(/\(event seq 21\): SEQ_GAP/);

    // --from is a range export (format version 2, cli-audit-range.int.test.ts covers it).
    const range = path.join(dir, "range.jsonl");
    expect(await cli(["audit", "export", "--org", orgId, "--out", range, "--from", cut.toISOString()])).toMatchObject({ code: 0, out: { version: 2, first_seq: 31, events: 5 } });
    expect(await cli(["audit", "verify", range])).toMatchObject({ code: 0, out: { first_seq: 31, last_seq: 35, anchor: { tree_size: 30, authenticated_by_tree_head: 30 } } });
    expect((await cli(["audit", "verify", path.join(dir, "missing.jsonl")])).code).toBe(2);
  });
});
