/**
 * `aegis audit export --from/--to` (range exports, format version 2) and `aegis audit
 * verify` end to end against PostgreSQL: in process for the matrix of cases, and once
 * through the real binary for the human-readable report.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishResolvedEnv } from "@/server/env";
import { createTestOrg, getTestDb, testDatabaseUrl } from "@/server/testing/db";
import { runCliJson as cli } from "@/server/testing/cli";
import { getKeyring } from "@/server/secrets/keyring";
import { createPostgresAuditSink, type AuditSink } from "./appender";
import { clearTreeCache } from "./tree-reader";
import { verifyIndependently } from "./testing/independent-verifier";

let dir: string;
let sink: AuditSink;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(() => {
  getTestDb();
  publishResolvedEnv({ AEGIS_KEK: randomBytes(32).toString("base64"), AUTH_SECRET: randomBytes(24).toString("hex") });
  sink = createPostgresAuditSink(getTestDb(), { kek: getKeyring() });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "aegis-audit-range-"));
});
afterAll(async () => {
  await sink.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function append(orgId: string, from: number, to: number): Promise<void> {
  for (let n = from; n <= to; n++) {
    await sink.append({ orgId, requestId: `req_${n}`, ts: new Date(), agent: null, upstream: "openai", decision: "ALLOW", stage: null, ruleIds: [], findings: [], latencyUs: 1830, flight: null });
  }
}
/** An instant strictly between the events appended before and after it. */
async function cut(): Promise<string> {
  await sleep(5);
  const at = new Date().toISOString();
  await sleep(5);
  return at;
}
const seal = async (orgSlug: string) => expect((await cli(["audit", "seal", "--org", orgSlug])).code).toBe(0);

const read = (file: string) => fs.readFileSync(file, "utf8").split("\n");
const lineOf = (lines: string[], needle: string) => lines.findIndex((l) => l.includes(needle));
function write(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join("\n"));
  return file;
}
async function expectBroken(file: string, message: RegExp) {
  const r = await cli(["audit", "verify", file]);
  expect(r.code, JSON.stringify(r.out)).toBe(1);
  expect(r.out.error.message).toMatch(message);
}

describe("aegis audit export --from | verify", { timeout: 120_000 }, () => {
  let orgId = "";
  let orgSlug = "";
  let t13 = ""; // after event 13
  let t25 = ""; // after event 25
  let end = ""; // after the last event (28)

  beforeAll(async () => {
    ({ orgId, orgSlug } = await createTestOrg());
    await append(orgId, 1, 10);
    await seal(orgSlug); // head 10
    await append(orgId, 11, 13);
    t13 = await cut();
    await append(orgId, 14, 20);
    await seal(orgSlug); // head 20
    await append(orgId, 21, 25);
    await seal(orgSlug); // head 25
    t25 = await cut();
    await append(orgId, 26, 28); // uncovered tail
    end = await cut();
  });

  it("exports seq 14..28 anchored after 13 events; the tree head of size 20 authenticates the frontier", async () => {
    const file = path.join(dir, "range.jsonl");
    const exported = await cli(["audit", "export", "--org", orgSlug, "--out", file, "--from", t13]);
    expect(exported).toMatchObject({ code: 0, out: { version: 2, events: 15, first_seq: 14, last_seq: 28, tree_heads: 2, anchor: { tree_size: 13 } } });
    const lines = read(file);
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({ type: "header", version: 2 });
    expect(JSON.parse(lines[2] ?? "")).toMatchObject({ type: "anchor", tree_size: 13 });
    for (const mode of ["every", "uncovered"]) {
      expect(await cli(["audit", "verify", file, "--signatures", mode])).toMatchObject({
        code: 0,
        out: { ok: true, version: 2, events: 15, first_seq: 14, last_seq: 28, tree_heads: 2, uncovered_events: 3, anchor: { tree_size: 13, authenticated_by_tree_head: 20 }, prefix: expect.stringContaining("authenticated by tree head 20") },
      });
    }
    expect(verifyIndependently(fs.readFileSync(file, "utf8"))).toEqual({ ok: true, version: 2, firstSeq: 14, lastSeq: 28, heads: 2, frontierProvenBy: 20 });
    // A cold chunk cache (a fresh CLI process) computes the same anchor.
    clearTreeCache(orgId);
    const again = path.join(dir, "range-again.jsonl");
    await cli(["audit", "export", "--org", orgSlug, "--out", again, "--from", t13]);
    expect(read(again)[2]).toBe(lines[2]);
  });

  it("--from with --to; a range without a tree head says its prefix is not authenticated", async () => {
    const file = path.join(dir, "window.jsonl");
    expect(await cli(["audit", "export", "--org", orgSlug, "--out", file, "--from", t13, "--to", t25])).toMatchObject({ code: 0, out: { events: 12, first_seq: 14, last_seq: 25, tree_heads: 2 } });
    expect(await cli(["audit", "verify", file])).toMatchObject({ code: 0, out: { first_seq: 14, last_seq: 25, uncovered_events: 0 } });

    const tail = path.join(dir, "tail.jsonl");
    expect(await cli(["audit", "export", "--org", orgSlug, "--out", tail, "--from", t25])).toMatchObject({ code: 0, out: { events: 3, first_seq: 26, tree_heads: 1 } });
    // The head of size 25 sits right after the anchor and authenticates it at once.
    expect(await cli(["audit", "verify", tail])).toMatchObject({ code: 0, out: { anchor: { tree_size: 25, authenticated_by_tree_head: 25 } } });
    const noHead = write("tail-no-head.jsonl", read(tail).filter((l) => !l.includes('"type":"tree_head"')));
    expect(await cli(["audit", "verify", noHead, "--signatures", "uncovered"])).toMatchObject({
      code: 0,
      out: { tree_heads: 0, event_signatures_checked: 3, anchor: { authenticated_by_tree_head: null }, prefix: expect.stringMatching(/no tree head in range, prefix frontier not authenticated; every event signature checked/) },
    });
  });

  it("--from after the last event: an empty, valid export anchored at the tip", async () => {
    const file = path.join(dir, "empty.jsonl");
    expect(await cli(["audit", "export", "--org", orgSlug, "--out", file, "--from", end])).toMatchObject({ code: 0, out: { events: 0, first_seq: 29, last_seq: 28, anchor: { tree_size: 28 } } });
    expect(await cli(["audit", "verify", file])).toMatchObject({ code: 0, out: { ok: true, events: 0, anchor: { tree_size: 28, authenticated_by_tree_head: null } } });
  });

  it("bad instants and ranges are usage errors (exit 2), not stack traces", async () => {
    const out = path.join(dir, "never.jsonl");
    const bad = await cli(["audit", "export", "--org", orgSlug, "--out", out, "--from", "yesterday"]);
    expect(bad.code).toBe(2);
    expect(JSON.stringify(bad.out)).toMatch(/--from: must be an ISO-8601 date-time/);
    expect((await cli(["audit", "export", "--org", orgSlug, "--out", out, "--from", "2025-13-01T00:00:00Z"])).code).toBe(2);
    const inverted = await cli(["audit", "export", "--org", orgSlug, "--out", out, "--from", t25, "--to", t13]);
    expect(inverted.code).toBe(2);
    expect(JSON.stringify(inverted.out)).toMatch(/--from must be earlier than --to/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it("names the first broken line: tampered event, deleted or reordered lines, altered frontier or prev_hash", async () => {
    const file = path.join(dir, "base.jsonl");
    await cli(["audit", "export", "--org", orgSlug, "--out", file, "--from", t13]);
    const base = read(file);

    const edited = [...base];
    const e17 = lineOf(edited, '"seq":17,');
    edited[e17] = (edited[e17] ?? "").replace('"latency_us":1830', '"latency_us":1831');
    await expectBroken(write("edited.jsonl", edited), new RegExp(`line ${e17 + 1} \\(event seq 17\\): HASH_MISMATCH`));

    const deleted = base.filter((l) => !l.includes('"seq":16,'));
    await expectBroken(write("deleted.jsonl", deleted), new RegExp(`line ${lineOf(deleted, '"seq":17,') + 1} \\(event seq 17\\): SEQ_GAP`));

    const reordered = [...base];
    const e14 = lineOf(reordered, '"seq":14,');
    [reordered[e14], reordered[e14 + 1]] = [reordered[e14 + 1] ?? "", reordered[e14] ?? ""];
    await expectBroken(write("reordered.jsonl", reordered), new RegExp(`line ${e14 + 1} \\(event seq 15\\): SEQ_GAP`));

    const anchorLine = lineOf(base, '"type":"anchor"');
    const anchor = JSON.parse(base[anchorLine] ?? "") as { frontier: string[]; prev_hash: string };
    const forged = [...base];
    forged[anchorLine] = JSON.stringify({ ...anchor, frontier: ["ab".repeat(32), ...anchor.frontier.slice(1)] });
    for (const mode of ["every", "uncovered"]) {
      const r = await cli(["audit", "verify", write("frontier.jsonl", forged), "--signatures", mode]);
      expect(r.code).toBe(1);
      expect(r.out.error.message).toMatch(new RegExp(`line ${anchorLine + 1} \\(anchor after 13 events\\): ANCHOR: the frontier does not reproduce the root signed by tree head 20`));
    }
    expect(verifyIndependently(forged.join("\n"))).toEqual({ ok: false, line: anchorLine + 1, code: "ANCHOR" });

    const prev = [...base];
    prev[anchorLine] = JSON.stringify({ ...anchor, prev_hash: "ef".repeat(32) });
    await expectBroken(write("prev.jsonl", prev), new RegExp(`line ${anchorLine + 1} \\(anchor after 13 events\\): ANCHOR`));

    const noAnchor = base.filter((_, i) => i !== anchorLine);
    await expectBroken(write("no-anchor.jsonl", noAnchor), new RegExp(`line ${anchorLine + 1} \\(event seq 14\\): ANCHOR`));
  });

  it("the real binary prints what the range proves", async () => {
    const file = path.join(dir, "binary.jsonl");
    const env = { ...process.env, DATABASE_URL: testDatabaseUrl(), AEGIS_KEK: Buffer.alloc(32, 7).toString("base64"), AEGIS_KEK_ID: "test", AUTH_SECRET: "x".repeat(32), LOG_LEVEL: "error" };
    const run = promisify(execFile);
    const exported = await run(process.execPath, ["bin/aegis.mjs", "audit", "export", "--org", orgId, "--out", file, "--from", t13], { env, timeout: 60_000 });
    expect(exported.stdout).toMatch(/Exported 15 events \(seq 14\.\.28\), 2 tree heads and 1 keys .*anchored after the first 13 events/);
    const verified = await run(process.execPath, ["bin/aegis.mjs", "audit", "verify", file], { env, timeout: 60_000 });
    expect(verified.stdout).toMatch(/OK .*: 15 events \(seq 14\.\.28\), 2 tree heads.*prefix frontier authenticated by tree head 20/);
    const lines = read(file);
    const e20 = lineOf(lines, '"seq":20,');
    lines[e20] = (lines[e20] ?? "").replace('"decision":"ALLOW"', '"decision":"BLOCK"');
    const broken = await run(process.execPath, ["bin/aegis.mjs", "audit", "verify", write("binary-bad.jsonl", lines)], { env, timeout: 60_000 }).catch((e: { code: number; stderr: string; stdout: string }) => e);
    expect("code" in broken ? broken.code : 0).toBe(1);
    expect(`${broken.stdout}${broken.stderr}`).toContain(`line ${e20 + 1} (event seq 20): HASH_MISMATCH`);
  });
});
