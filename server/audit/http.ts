/**
 * The customer-facing audit API, framework-free (Web Request -> Response) so the
 * gateway's fast path can mount it under /v1/audit/* after authenticating the org.
 *
 *   GET /v1/audit/keys                        the org's public keys (key records)
 *   GET /v1/audit/receipts/{request_id}       event + signature + inclusion proof
 *                                             against the latest signed tree head
 *   GET /v1/audit/consistency?from=N&to=M     RFC 6962 consistency proof between two
 *                                             stored tree heads (sizes N <= M)
 *
 * Errors use the one error shape; bad input is a 4xx, never a 500.
 */
import type { Db } from "@/server/db/client";
import { forOrg } from "@/server/db/scoped";
import { AegisError, badRequest, errorBody, toAegisError } from "@/server/errors";
import { log } from "@/server/log/logger";
import { ZAuditEventBody } from "./event";
import { listKeyRecords } from "./signing-keys";
import { latestTreeHead, toSignedTreeHead } from "./store";
import { createTreeReader } from "./tree-reader";

const JSON_HEADERS = { "content-type": "application/json", "cache-control": "no-store" };

const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });

const notFound = (message: string, reason: string) => new AegisError("NOT_FOUND", message, { reason });

export async function handleAuditApi(req: Request, ctx: { orgId: string; requestId: string }, db: Db): Promise<Response> {
  try {
    const url = new URL(req.url);
    const route = url.pathname.replace(/^.*?\/audit(?=\/|$)/, "");
    if (req.method !== "GET" && req.method !== "HEAD") {
      return new Response(JSON.stringify(errorBody(badRequest(`method ${req.method} not allowed; use GET`), ctx.requestId)), {
        status: 405, headers: { ...JSON_HEADERS, allow: "GET, HEAD" },
      });
    }
    if (route === "/keys") return json(200, { keys: await listKeyRecords(db, ctx.orgId) });
    const receipt = /^\/receipts\/([^/]+)$/.exec(route);
    if (receipt?.[1]) return json(200, await getReceipt(db, ctx.orgId, decodeSegment(receipt[1])));
    if (route === "/consistency") return json(200, await getConsistency(db, ctx.orgId, url.searchParams));
    throw notFound(`no audit endpoint at ${url.pathname}`, "unknown_endpoint");
  } catch (err) {
    const error = toAegisError(err);
    if (error.code === "INTERNAL") log.error("audit api failed", { err, request_id: ctx.requestId, org_id: ctx.orgId });
    return json(error.status, errorBody(error, ctx.requestId));
  }
}

function decodeSegment(segment: string): string {
  try {
    const value = decodeURIComponent(segment);
    if (value.length === 0 || value.length > 512) throw new Error("length");
    return value;
  } catch {
    throw badRequest("request_id must be 1-512 characters, percent-encoded", { field: "request_id" });
  }
}

/** The receipt of a request: what was recorded and the proof that the signed log contains it. */
export async function getReceipt(db: Db, orgId: string, requestId: string) {
  const row = await forOrg(db, orgId).auditEvent.findFirst({
    where: { orgId, requestId },
    orderBy: { seq: "asc" },
    select: { seq: true, body: true, hash: true, keyId: true, signature: true },
  });
  if (!row) throw notFound(`no audit event for request ${requestId}`, "unknown_request");
  const seq = Number(row.seq);
  const head = await latestTreeHead(db, orgId);
  if (!head || head.tree_head.tree_size < seq) {
    throw new AegisError("NOT_FOUND", `the event of request ${requestId} (seq ${seq}) is recorded but not yet sealed into a signed tree head; retry after the next seal`, {
      reason: "not_sealed", seq, latest_tree_size: head?.tree_head.tree_size ?? 0,
    });
  }
  const proof = await createTreeReader(db, orgId).inclusionProof(seq - 1, head.tree_head.tree_size);
  if (proof.root_hash !== head.tree_head.root_hash) throw new Error(`stored log of org ${orgId} does not match tree head ${head.tree_head.tree_size}`);
  return {
    event: { event: ZAuditEventBody.parse(row.body), hash: row.hash, key_id: row.keyId, signature: row.signature },
    tree_head: head,
    inclusion_proof: proof,
  };
}

const ZSize = /^(0|[1-9]\d{0,15})$/;

function parseSize(params: URLSearchParams, name: string): number {
  const raw = params.get(name);
  if (raw === null || !ZSize.test(raw) || !Number.isSafeInteger(Number(raw))) {
    throw badRequest(`query parameter "${name}" must be a non-negative integer tree size`, { field: name });
  }
  return Number(raw);
}

export async function getConsistency(db: Db, orgId: string, params: URLSearchParams) {
  const from = parseSize(params, "from");
  const to = parseSize(params, "to");
  if (from > to) throw badRequest(`"from" (${from}) must not exceed "to" (${to})`, { field: "from" });
  const rows = await forOrg(db, orgId).treeHead.findMany({
    where: { orgId, treeSize: { in: [BigInt(from), BigInt(to)] } },
    select: { treeSize: true, body: true, signature: true, keyId: true },
  });
  const find = (size: number) => {
    const row = rows.find((r) => Number(r.treeSize) === size);
    if (!row) throw notFound(`no signed tree head of size ${size}`, "unknown_tree_head");
    return toSignedTreeHead(row);
  };
  const first = find(from);
  const second = find(to);
  const proof = await createTreeReader(db, orgId).consistencyProof(from, to);
  return { ...proof, first_tree_head: first, second_tree_head: second };
}
