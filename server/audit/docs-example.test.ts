/**
 * Keeps docs/audit-format.md true: the worked example in it must be what this code
 * produces from the RFC 8032 TEST 1 key, and the documented export must verify.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ZERO_HASH_HEX } from "./bytes";
import { createLocalSigner, sealEvent } from "./event";
import { serializeExport } from "./export";
import { verifyExport } from "./export-verify";
import { signingKeyFromSecretHex, toKeyRecord } from "./keys";
import { MerkleAccumulator, leafHash } from "./merkle";
import { buildInclusionProof } from "./merkle-proof";
import { signTreeHead } from "./tree-head";

const doc = readFileSync(fileURLToPath(new URL("../../docs/audit-format.md", import.meta.url)), "utf8");
const documentedExport = (doc.split("The complete export (5 lines):")[1] ?? "").split("```")[1]?.trim() ?? "";
const documentedRange = (doc.split("The complete range export (5 lines):")[1] ?? "").split("```")[1]?.trim() ?? "";

function buildExample(fromSeq?: number): string {
  const key = signingKeyFromSecretHex("org_acme", "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  const signer = createLocalSigner(key);
  const base = { org: "org_acme", upstream: "openai" };
  const e1 = sealEvent({ ...base, seq: 1, ts: "2025-03-01T12:00:00.000Z", request_id: "req_01", agent: "support-bot", decision: "ALLOW", stage: null, rule_ids: [], findings: { count: 0, types: [], max_severity: null }, latency_us: 1830, prev_hash: ZERO_HASH_HEX }, signer);
  const e2 = sealEvent({ ...base, seq: 2, ts: "2025-03-01T12:00:01.250Z", request_id: "req_02", agent: null, decision: "BLOCK", stage: "inspection", rule_ids: ["pii.email"], findings: { count: 1, types: ["email"], max_severity: "high" }, latency_us: 2410, prev_hash: e1.hash }, signer);
  const leaves = [e1, e2].map((e) => leafHash(Buffer.from(e.hash, "hex")));
  const merkle = new MerkleAccumulator();
  leaves.forEach((l) => merkle.appendLeafHash(l));
  const head = signTreeHead({ org: "org_acme", treeSize: 2, rootHash: merkle.root().toString("hex"), timestamp: "2025-03-01T12:00:02.000Z", prev: null }, signer);
  expect(buildInclusionProof(leaves, 1).audit_path[0]).toBe(leaves[0]?.toString("hex"));
  return serializeExport({ org: "org_acme", exportedAt: "2025-03-02T00:00:00.000Z", keys: [toKeyRecord(key, "2025-01-01T00:00:00.000Z")], events: [e1, e2], treeHeads: [head], fromSeq });
}

describe("docs/audit-format.md worked example", () => {
  it("is exactly what the implementation produces", () => {
    expect(documentedExport.split("\n")).toHaveLength(5);
    expect(buildExample().trimEnd()).toBe(documentedExport);
  });

  it("verifies, and the documented tampering is reported as documented", () => {
    expect(verifyExport(documentedExport)).toMatchObject({ ok: true, events: 2, treeHeads: 1, uncoveredEvents: 0 });
    const tampered = documentedExport.replace('"latency_us":1830', '"latency_us":1831');
    expect(verifyExport(tampered)).toMatchObject({ ok: false, line: 3, seq: 1, code: "HASH_MISMATCH" });
  });

  it("the range export example (version 2) is produced, verifies and fails as documented", () => {
    expect(documentedRange.split("\n")).toHaveLength(5);
    expect(buildExample(2).trimEnd()).toBe(documentedRange);
    expect(verifyExport(documentedRange)).toMatchObject({ ok: true, version: 2, events: 1, firstSeq: 2, anchor: { treeSize: 1, authenticatedBy: 2 } });
    const anchor = JSON.parse(documentedRange.split("\n")[2] ?? "") as { frontier: string[]; prev_hash: string };
    for (const edit of [{ prev_hash: "ab".repeat(32) }, { frontier: ["ab".repeat(32)] }]) {
      const lines = documentedRange.split("\n");
      lines[2] = JSON.stringify({ ...anchor, ...edit });
      expect(verifyExport(lines)).toMatchObject({ ok: false, line: 3, record: "anchor", code: "ANCHOR" });
    }
  });
});
