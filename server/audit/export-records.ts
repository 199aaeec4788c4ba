/**
 * Parsing of single export lines into typed records. Envelope checks are hand-written
 * because they run once per line of million-line exports; bodies go through the same
 * zod schemas that the writer uses.
 */
import { z } from "zod";
import { ZAuditEventBody, type TAuditEventBody } from "./event";
import { ZKeyRecord, type TKeyRecord } from "./keys";
import { ZTreeHeadBody, type TTreeHeadBody } from "./tree-head";
import { EXPORT_FORMAT, EXPORT_VERSION, RANGE_EXPORT_VERSION, type TExportVersion } from "./export";
import { isHexOfLength } from "./bytes";
import { ZTimestamp } from "./timestamp";

export type TParsedLine =
  | { type: "header"; org: string; version: TExportVersion }
  | { type: "key"; key: TKeyRecord }
  | { type: "anchor"; treeSize: number; prevHash: string; frontier: string[] }
  | { type: "event"; body: TAuditEventBody; hash: string; keyId: string; signature: string }
  | { type: "tree_head"; body: TTreeHeadBody; hash: string; keyId: string; signature: string };

export type TParseResult = { ok: true; record: TParsedLine } | { ok: false; reason: string; seq: number | null };

const ZHeader = z.strictObject({
  type: z.literal("header"),
  format: z.literal(EXPORT_FORMAT),
  version: z.union([z.literal(EXPORT_VERSION), z.literal(RANGE_EXPORT_VERSION)], { error: `must be ${EXPORT_VERSION} or ${RANGE_EXPORT_VERSION} (this verifier knows no other)` }),
  org: z.string().min(1),
  exported_at: ZTimestamp,
});

const ZHash = z.string().refine((h) => isHexOfLength(h, 32), "must be 64 lowercase hex chars");
const ZAnchor = z.strictObject({
  type: z.literal("anchor"),
  tree_size: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  prev_hash: ZHash,
  frontier: z.array(ZHash).max(53),
});

const SIGNED_KEYS = new Set(["type", "event", "tree_head", "hash", "key_id", "signature"]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid";
  const path = issue.path.length > 0 ? issue.path.join(".") : "(root)";
  return `${path}: ${issue.message}`;
}

/** A best-effort seq for error reports on events whose body failed validation. */
function looseSeq(body: unknown): number | null {
  return isObject(body) && typeof body.seq === "number" ? body.seq : null;
}

function parseSigned(obj: Record<string, unknown>, bodyField: "event" | "tree_head"): TParseResult {
  const seq = bodyField === "event" ? looseSeq(obj.event) : null;
  for (const key of Object.keys(obj)) {
    if (!SIGNED_KEYS.has(key) || (key !== bodyField && (key === "event" || key === "tree_head"))) {
      return { ok: false, reason: `unexpected field "${key}"`, seq };
    }
  }
  const { hash, key_id: keyId, signature } = obj;
  if (typeof hash !== "string" || !isHexOfLength(hash, 32)) return { ok: false, reason: "hash must be 64 lowercase hex chars", seq };
  if (typeof keyId !== "string" || !isHexOfLength(keyId, 8)) return { ok: false, reason: "key_id must be 16 lowercase hex chars", seq };
  if (typeof signature !== "string" || !isHexOfLength(signature, 64)) return { ok: false, reason: "signature must be 128 lowercase hex chars", seq };
  if (bodyField === "event") {
    const body = ZAuditEventBody.safeParse(obj.event);
    if (!body.success) return { ok: false, reason: `event.${describe(body.error)}`, seq };
    return { ok: true, record: { type: "event", body: body.data, hash, keyId, signature } };
  }
  const body = ZTreeHeadBody.safeParse(obj.tree_head);
  if (!body.success) return { ok: false, reason: `tree_head.${describe(body.error)}`, seq };
  return { ok: true, record: { type: "tree_head", body: body.data, hash, keyId, signature } };
}

export function parseExportLine(line: string): TParseResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, reason: "not valid JSON", seq: null };
  }
  if (!isObject(value)) return { ok: false, reason: "a line must be a JSON object", seq: null };
  switch (value.type) {
    case "event":
      return parseSigned(value, "event");
    case "tree_head":
      return parseSigned(value, "tree_head");
    case "key": {
      if (Object.keys(value).some((k) => k !== "type" && k !== "key")) return { ok: false, reason: "unexpected field in key line", seq: null };
      const key = ZKeyRecord.safeParse(value.key);
      return key.success ? { ok: true, record: { type: "key", key: key.data } } : { ok: false, reason: `key.${describe(key.error)}`, seq: null };
    }
    case "header": {
      const header = ZHeader.safeParse(value);
      return header.success ? { ok: true, record: { type: "header", org: header.data.org, version: header.data.version } } : { ok: false, reason: `header ${describe(header.error)}`, seq: null };
    }
    case "anchor": {
      const anchor = ZAnchor.safeParse(value);
      if (!anchor.success) return { ok: false, reason: `anchor ${describe(anchor.error)}`, seq: null };
      const { tree_size: treeSize, prev_hash: prevHash, frontier } = anchor.data;
      return { ok: true, record: { type: "anchor", treeSize, prevHash, frontier } };
    }
    default:
      return { ok: false, reason: `unknown record type ${JSON.stringify(value.type)}`, seq: null };
  }
}
