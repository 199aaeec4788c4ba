/**
 * Builds a realistic signed audit log in memory, the way the appender will: one key
 * per period, seq from 1, prev_hash chaining, a signed tree head every `headEvery`
 * events. Shared by tests and bench/audit so both exercise the production path.
 */
import { ZERO_HASH_HEX } from "./bytes";
import { createLocalSigner, sealEvent, type TAuditEventBody, type TSignedAuditEvent } from "./event";
import { generateSigningKey, rotateKeyRecords, toKeyRecord, type TKeyRecord, type TSigningKey } from "./keys";
import { MerkleAccumulator, leafHash } from "./merkle";
import { toHex, fromHex } from "./bytes";
import { signTreeHead, type TSignedTreeHead } from "./tree-head";

export type TSampleLog = {
  org: string;
  keys: TKeyRecord[];
  signingKeys: TSigningKey[];
  events: TSignedAuditEvent[];
  treeHeads: TSignedTreeHead[];
};

const START_MS = Date.parse("2025-01-01T00:00:00.000Z");
const DECISIONS = ["ALLOW", "ALLOW", "ALLOW", "BLOCK", "REDACT", "THROTTLE"] as const;

export function sampleEventBody(org: string, seq: number, prevHash: string): TAuditEventBody {
  const decision = DECISIONS[seq % DECISIONS.length] ?? "ALLOW";
  const blocked = decision !== "ALLOW";
  const base = {
    org,
    seq,
    ts: new Date(START_MS + seq * 10).toISOString(),
    request_id: `req_${seq.toString(36).padStart(8, "0")}`,
    agent: seq % 3 === 0 ? null : `agent-${seq % 7}`,
    decision,
    stage: blocked ? "40-inspection" : null,
    rule_ids: blocked ? ["pii.email", `rule-${seq % 11}`] : [],
    findings: { count: blocked ? 2 : 0, types: blocked ? ["email", "api_key"] : [], max_severity: blocked ? ("high" as const) : null },
    latency_us: 150 + (seq % 900),
    prev_hash: prevHash,
  };
  return seq % 10 === 0 ? { ...base, action: "rules.publish" } : { ...base, upstream: "openai-prod" };
}

/** Event timestamps are START + seq*10ms; `rotateAtSeq` switches keys at that event's ts. */
export function buildSampleLog(options: { org?: string; events: number; headEvery?: number; rotateAtSeq?: number; finalHead?: boolean }): TSampleLog {
  const org = options.org ?? "org_demo";
  const headEvery = options.headEvery ?? 1000;
  const first = generateSigningKey(org);
  const signingKeys = [first];
  let keys = [toKeyRecord(first, new Date(START_MS).toISOString())];
  let signer = createLocalSigner(first);
  const events: TSignedAuditEvent[] = [];
  const treeHeads: TSignedTreeHead[] = [];
  const merkle = new MerkleAccumulator();
  let prevHash = ZERO_HASH_HEX;
  for (let seq = 1; seq <= options.events; seq++) {
    const body = sampleEventBody(org, seq, prevHash);
    if (seq === options.rotateAtSeq) {
      const next = generateSigningKey(org);
      signingKeys.push(next);
      keys = rotateKeyRecords(keys, next, body.ts);
      signer = createLocalSigner(next);
    }
    const signed = sealEvent(body, signer);
    events.push(signed);
    merkle.appendLeafHash(leafHash(fromHex(signed.hash)));
    prevHash = signed.hash;
    if (seq % headEvery === 0 || (seq === options.events && options.finalHead !== false)) {
      treeHeads.push(
        signTreeHead(
          { org, treeSize: seq, rootHash: toHex(merkle.root()), timestamp: body.ts, prev: treeHeads[treeHeads.length - 1] ?? null },
          signer,
        ),
      );
    }
  }
  return { org, keys, signingKeys, events, treeHeads };
}
