/**
 * The PostgreSQL audit sink: every gateway decision becomes a hashed, chained and
 * signed event before the caller is told it is recorded.
 *
 * Guarantees:
 * - append() resolves only after the COMMIT that contains the event; a failed
 *   transaction rejects every append of its batch and leaves no trace (seq and
 *   prev_hash are assigned inside it, so a rollback cannot leave a gap).
 * - Group commit: appends of one org that arrive while a transaction is running are
 *   queued and written together by the next one (one in flight per org and process).
 * - The org's AuditHead row is locked FOR UPDATE for the whole transaction, so
 *   several processes can append to the same org and the chain stays gapless.
 * - The body's `ts` is the sequencing time (docs/audit-format.md §4.1), never earlier
 *   than the signing key's valid_from, so clock skew between processes cannot produce
 *   an event its own key does not cover.
 */
import type { Db, Tx } from "@/server/db/client";
import type { TKeyring } from "@/server/crypto/envelope";
import { newId } from "@/server/db/ids";
import { forOrg } from "@/server/db/scoped";
import { createLocalSigner, sealEvent, type TAuditEventBody } from "./event";
import { summarizeFindings, type TFindingInput } from "./findings";
import { lockAuditHead, resolveSigningKey } from "./signing-keys";

export interface AuditDraft {
  orgId: string;
  requestId: string;
  /** When the request arrived (kept with the row; the signed ts is the sequencing time). */
  ts: Date;
  agent: string | null;
  /** Exactly one of upstream (a proxied request) or action (a control-plane change). */
  upstream?: string;
  action?: string;
  decision: string;
  stage: string | null;
  ruleIds: string[];
  findings: TFindingInput[];
  latencyUs: number;
  /** The flight record, stored in AuditEvent.flight (not signed). */
  flight: unknown;
}

export interface AuditSink {
  append(draft: AuditDraft): Promise<{ seq: number; hash: string }>;
  close(): Promise<void>;
}

export type TAuditSinkOptions = { kek: TKeyring; maxBatch?: number };

type TPending = { draft: AuditDraft; resolve(v: { seq: number; hash: string }): void; reject(e: unknown): void };
type TOrgQueue = { pending: TPending[]; running: Promise<void> | null };

const DEFAULT_MAX_BATCH = 512;
/** Generous: a batch transaction normally takes milliseconds; this only bounds a stuck one. */
const TX_TIMEOUT_MS = 30_000;

export function createPostgresAuditSink(db: Db, opts: TAuditSinkOptions): AuditSink {
  const maxBatch = Math.max(1, opts.maxBatch ?? DEFAULT_MAX_BATCH);
  const queues = new Map<string, TOrgQueue>();
  // Scoped clients are built once per org: $extends is not free and the hot path is per batch.
  const scoped = new Map<string, Db>();
  const scopedFor = (orgId: string): Db => {
    let client = scoped.get(orgId);
    if (!client) {
      if (scoped.size >= 10_000) scoped.clear();
      client = forOrg(db, orgId);
      scoped.set(orgId, client);
    }
    return client;
  };
  let closed = false;

  const drain = async (orgId: string, queue: TOrgQueue): Promise<void> => {
    while (queue.pending.length > 0) {
      const batch = queue.pending.splice(0, maxBatch);
      try {
        const results = await scopedFor(orgId).$transaction((tx) => writeBatch(tx, orgId, batch.map((p) => p.draft), opts.kek), {
          timeout: TX_TIMEOUT_MS,
          maxWait: TX_TIMEOUT_MS,
        });
        batch.forEach((p, i) => {
          const r = results[i];
          if (r) p.resolve(r);
          else p.reject(new Error("audit batch returned fewer results than events"));
        });
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
    queue.running = null;
    if (queue.pending.length === 0) queues.delete(orgId);
  };

  return {
    append(draft) {
      if (closed) return Promise.reject(new Error("audit sink is closed"));
      const problem = draftProblem(draft);
      if (problem) return Promise.reject(new Error(`invalid audit draft: ${problem}`));
      return new Promise((resolve, reject) => {
        let queue = queues.get(draft.orgId);
        if (!queue) {
          queue = { pending: [], running: null };
          queues.set(draft.orgId, queue);
        }
        queue.pending.push({ draft, resolve, reject });
        if (!queue.running) queue.running = drain(draft.orgId, queue);
      });
    },
    async close() {
      closed = true;
      while (queues.size > 0) await Promise.all([...queues.values()].map((q) => q.running));
    },
  };
}

/** Cheap checks that would otherwise fail the whole batch inside the transaction. */
function draftProblem(d: AuditDraft): string | null {
  if (!d.orgId) return "orgId is required";
  if ((d.upstream === undefined) === (d.action === undefined)) return "exactly one of upstream or action is required";
  if (!/^[A-Z][A-Z_]*$/.test(d.decision)) return `decision "${d.decision}" is not an upper-case name`;
  if (!Number.isSafeInteger(d.latencyUs) || d.latencyUs < 0) return "latencyUs must be a non-negative integer";
  return null;
}

const clip = (s: string) => (s.length > 512 ? s.slice(0, 512) : s);

export function toEventBody(d: AuditDraft, seq: number, ts: string, prevHash: string): TAuditEventBody {
  const base = {
    org: d.orgId,
    seq,
    ts,
    request_id: clip(d.requestId) || "unknown",
    agent: d.agent ? clip(d.agent) : null,
    decision: d.decision,
    stage: d.stage ? clip(d.stage) : null,
    rule_ids: d.ruleIds.filter(Boolean).map(clip),
    findings: summarizeFindings(d.findings),
    latency_us: d.latencyUs,
    prev_hash: prevHash,
  };
  return d.upstream !== undefined ? { ...base, upstream: clip(d.upstream) || "unknown" } : { ...base, action: clip(d.action ?? "") || "unknown" };
}

type TInsertColumns = {
  id: string[]; seq: string[]; requestId: string[]; decision: string[]; agent: (string | null)[]; upstream: (string | null)[];
  body: string[]; hash: string[]; prevHash: string[]; signature: string[]; flight: (string | null)[];
};

/** One group-commit transaction: lock the head, sequence, sign, insert, move the head. */
async function writeBatch(tx: Tx, orgId: string, drafts: AuditDraft[], kek: TKeyring): Promise<{ seq: number; hash: string }[]> {
  const head = await lockAuditHead(tx, orgId);
  const { key, validFrom } = await resolveSigningKey(tx, orgId, head.currentKeyId, kek);
  const signer = createLocalSigner(key);
  const ts = new Date(Math.max(Date.now(), validFrom.getTime()));
  const tsText = ts.toISOString();
  let prev = head.hash;
  const cols: TInsertColumns = { id: [], seq: [], requestId: [], decision: [], agent: [], upstream: [], body: [], hash: [], prevHash: [], signature: [], flight: [] };
  const results: { seq: number; hash: string }[] = [];
  drafts.forEach((draft, i) => {
    const seq = head.seq + i + 1;
    const signed = sealEvent(toEventBody(draft, seq, tsText, prev), signer);
    cols.id.push(newId("aev"));
    cols.seq.push(String(seq));
    cols.requestId.push(signed.event.request_id);
    cols.decision.push(signed.event.decision);
    cols.agent.push(signed.event.agent);
    cols.upstream.push("upstream" in signed.event ? signed.event.upstream : null);
    cols.body.push(JSON.stringify(signed.event));
    cols.hash.push(signed.hash);
    cols.prevHash.push(prev);
    cols.signature.push(signed.signature);
    cols.flight.push(draft.flight === undefined || draft.flight === null ? null : JSON.stringify(draft.flight));
    results.push({ seq, hash: signed.hash });
    prev = signed.hash;
  });
  // One statement with one array per column (unnest): the parameter count does not grow
  // with the batch, and it is ~5x faster here than createMany through the query compiler.
  await tx.$executeRaw`
    INSERT INTO "AuditEvent" ("id", "orgId", "seq", "ts", "requestId", "decision", "agent", "upstream", "body", "hash", "prevHash", "signature", "keyId", "flight")
    SELECT u.id, ${orgId}, u.seq, ${ts}::timestamp(3), u.request_id, u.decision, u.agent, u.upstream, u.body::jsonb, u.hash, u.prev_hash, u.signature, ${key.keyId}, u.flight::jsonb
    FROM unnest(${cols.id}::text[], ${cols.seq}::bigint[], ${cols.requestId}::text[], ${cols.decision}::text[], ${cols.agent}::text[],
      ${cols.upstream}::text[], ${cols.body}::text[], ${cols.hash}::text[], ${cols.prevHash}::text[], ${cols.signature}::text[], ${cols.flight}::text[])
      AS u(id, seq, request_id, decision, agent, upstream, body, hash, prev_hash, signature, flight)`;
  const last = results[results.length - 1];
  if (last) await tx.$executeRaw`UPDATE "AuditHead" SET "seq" = ${BigInt(last.seq)}, "hash" = ${last.hash}, "updatedAt" = now() WHERE "orgId" = ${orgId}`;
  return results;
}
