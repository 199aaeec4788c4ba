import fs from "node:fs";
import { z } from "zod";
import { UsageError, requireString, type Command, orgFromFlags, ORG_FLAG } from "@/server/cli/command";
import { parseOrThrow } from "@/server/cli/parse";
import { AegisError } from "@/server/errors";

export const auditSeal: Command<{ org: string; status: string; tree_size: number; root_hash: string | null; ms: number }> = {
  name: "audit seal",
  summary: "Sign a Merkle tree head over the org's audit events now",
  usage: "aegis audit seal --org ORG [--json]",
  flags: { org: ORG_FLAG },
  async run(flags, { db }) {
    const { org } = await orgFromFlags(db, flags);
    const { sealAuditLog } = await import("@/server/audit/seal");
    const { getKeyring } = await import("@/server/secrets/keyring");
    const { getEnv } = await import("@/server/env");
    const { createPgPool } = await import("@/server/db/pg-pool");
    const url = getEnv().DATABASE_URL;
    const pool = url ? createPgPool(url, 2) : undefined;
    try {
      const r = await sealAuditLog(db, org.id, { kek: getKeyring(), pool });
      return { org: org.id, status: r.status, tree_size: r.treeHead?.tree_head.tree_size ?? 0, root_hash: r.treeHead?.tree_head.root_hash ?? null, ms: r.ms };
    } finally {
      await pool?.end().catch(() => undefined);
    }
  },
  format: (r) => (r.status === "sealed" ? `Sealed ${r.tree_size} events of ${r.org}: root ${r.root_hash} (${r.ms} ms)` : `Nothing new to seal for ${r.org} (latest tree size ${r.tree_size})`),
};

export const auditRotateKey: Command<{ org: string; retired_key_id: string | null; key_id: string; valid_from: string }> = {
  name: "audit rotate-key",
  summary: "Retire the org's audit signing key and start signing with a new one (old events stay verifiable)",
  usage: "aegis audit rotate-key --org ORG [--json]",
  flags: { org: ORG_FLAG },
  async run(flags, { db }) {
    const { org } = await orgFromFlags(db, flags);
    const { rotateSigningKey } = await import("@/server/audit/signing-keys");
    const { getKeyring } = await import("@/server/secrets/keyring");
    return rotateSigningKey(db, org.id, getKeyring());
  },
  format: (r) => `New signing key ${r.key_id} for ${r.org}, valid from ${r.valid_from}${r.retired_key_id ? `; retired ${r.retired_key_id}` : ""}`,
};

type TExportOutput = {
  org: string; out: string; version: 1 | 2; events: number; first_seq: number; last_seq: number; tree_heads: number; keys: number; bytes: number;
  /** Range exports: the omitted prefix 1..tree_size the file is anchored to. */
  anchor: { tree_size: number; prev_hash: string } | null;
};

const ZInstant = z.iso.datetime({ offset: true, error: "must be an ISO-8601 date-time with a time zone, e.g. 2025-03-01T12:00:00Z" }).pipe(z.coerce.date());

export const auditExport: Command<TExportOutput> = {
  name: "audit export",
  summary: "Write the org's audit trail as verifiable JSON Lines (docs/audit-format.md)",
  usage: "aegis audit export --org ORG --out FILE [--from ISO-TIME] [--to ISO-TIME] [--json]",
  flags: {
    org: ORG_FLAG,
    out: { type: "string", required: true, description: "output file ('-' for stdout is not supported)" },
    from: { type: "string", description: "start at the first event sequenced at or after this instant (a verifiable range, format version 2)" },
    to: { type: "string", description: "only events sequenced before this instant" },
  },
  async run(flags, { db }) {
    const from = typeof flags.from === "string" ? parseOrThrow(ZInstant, flags.from, "--from") : undefined;
    const to = typeof flags.to === "string" ? parseOrThrow(ZInstant, flags.to, "--to") : undefined;
    if (from && to && from >= to) throw new UsageError("--from must be earlier than --to");
    const { org } = await orgFromFlags(db, flags);
    const out = requireString(flags, "out");
    const { writeExportFromDb } = await import("@/server/audit/export-db");
    const { getEnv } = await import("@/server/env");
    const { createPgPool } = await import("@/server/db/pg-pool");
    // A range export's anchor reads the prefix's hash column once; plain pg is the fast path (as for seal).
    const url = getEnv().DATABASE_URL;
    const pool = from && url ? createPgPool(url, 2) : undefined;
    const tmp = `${out}.partial`;
    const stream = fs.createWriteStream(tmp);
    const write = (chunk: string) => new Promise<void>((resolve, reject) => stream.write(chunk, (e) => (e ? reject(e) : resolve())));
    try {
      const s = await writeExportFromDb(db, org.id, write, { from, to, pool });
      await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
      fs.renameSync(tmp, out); // a reader never sees a half-written export under the final name
      return {
        org: org.id, out, version: s.anchor ? 2 : 1, events: s.events, first_seq: s.firstSeq, last_seq: s.lastSeq, tree_heads: s.treeHeads, keys: s.keys, bytes: s.bytes,
        anchor: s.anchor ? { tree_size: s.anchor.tree_size, prev_hash: s.anchor.prev_hash } : null,
      };
    } catch (err) {
      stream.destroy();
      fs.rmSync(tmp, { force: true });
      throw err;
    } finally {
      await pool?.end().catch(() => undefined);
    }
  },
  format: (r) =>
    `Exported ${r.events} events` + (r.events > 0 ? ` (seq ${r.first_seq}..${r.last_seq})` : "") +
    `, ${r.tree_heads} tree heads and ${r.keys} keys of ${r.org} to ${r.out} (${r.bytes} bytes)` +
    (r.anchor ? `; range export anchored after the first ${r.anchor.tree_size} events` + (r.events === 0 ? " (no events in the range)" : "") : ""),
};

type TVerifyOutput = {
  ok: true; file: string; org: string; version: 1 | 2; events: number; first_seq: number; last_seq: number; tree_heads: number; keys: number;
  last_hash: string; latest_tree_head: { tree_size: number; root_hash: string } | null; uncovered_events: number;
  event_signatures_checked: number;
  /** Range exports: the omitted prefix, and the tree head that authenticated its frontier (null: none in the file). */
  anchor: { tree_size: number; prev_hash: string; authenticated_by_tree_head: number | null } | null;
  /** One plain sentence on what the file proves about its start. */
  prefix: string;
};

export const auditVerify: Command<TVerifyOutput> = {
  name: "audit verify",
  summary: "Verify an audit export offline (signatures, hashes, chain, gaps, Merkle roots)",
  usage: "aegis audit verify FILE [--trusted-keys HEX,HEX] [--signatures every|uncovered] [--json]",
  offline: true,
  flags: {
    "trusted-keys": { type: "string", description: "pin the org's public keys (hex, comma-separated) obtained out of band" },
    signatures: { type: "string", description: "every (default) or uncovered: skip per-event signatures of events a valid tree head covers" },
  },
  async run(flags, { positionals }) {
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError("usage: aegis audit verify FILE");
    const mode = flags.signatures ?? "every";
    if (mode !== "every" && mode !== "uncovered") throw new UsageError("--signatures must be every or uncovered");
    if (!fs.existsSync(file)) throw new UsageError(`${file}: no such file`);
    const { verifyExportStream } = await import("@/server/audit/export-verify");
    const { splitLines } = await import("@/server/audit/lines");
    const trusted = typeof flags["trusted-keys"] === "string" ? flags["trusted-keys"].split(",").map((k) => k.trim()).filter(Boolean) : undefined;
    const r = await verifyExportStream(splitLines(fs.createReadStream(file, { highWaterMark: 1 << 20 })), {
      eventSignatures: mode, parallelSignatures: true, ...(trusted ? { trustedPublicKeys: trusted } : {}),
    });
    if (!r.ok) {
      const where =
        r.record === "event" ? `event seq ${r.seq}` : r.record === "tree_head" ? `tree head of size ${r.seq}` : r.record === "anchor" ? `anchor after ${r.seq} events` : (r.record ?? "file");
      // Non-zero exit through the CLI's error path; the message names the first broken line.
      throw new AegisError("UNPROCESSABLE", `${file}: line ${r.line} (${where}): ${r.code}: ${r.reason}`, { line: r.line, record: r.record, seq: r.seq, check: r.code });
    }
    const anchor = r.anchor;
    const prefix = !anchor
      ? "complete export from seq 1"
      : anchor.authenticatedBy !== null
        ? `range export after ${anchor.treeSize} omitted events: prefix frontier authenticated by tree head ${anchor.authenticatedBy}`
        : `range export after ${anchor.treeSize} omitted events: no tree head in range, prefix frontier not authenticated; every event signature checked`;
    return {
      ok: true, file, org: r.org, version: r.version, events: r.events, first_seq: r.firstSeq, last_seq: r.lastSeq, tree_heads: r.treeHeads, keys: r.keys, last_hash: r.lastHash,
      latest_tree_head: r.latestTreeHead ? { tree_size: r.latestTreeHead.tree_size, root_hash: r.latestTreeHead.root_hash } : null,
      uncovered_events: r.uncoveredEvents,
      event_signatures_checked: r.eventSignaturesChecked,
      anchor: anchor ? { tree_size: anchor.treeSize, prev_hash: anchor.prevHash, authenticated_by_tree_head: anchor.authenticatedBy } : null,
      prefix,
    };
  },
  format: (r) =>
    `OK ${r.file}: ${r.events} events` + (r.events > 0 ? ` (seq ${r.first_seq}..${r.last_seq})` : "") + `, ${r.tree_heads} tree heads, ${r.keys} keys of ${r.org}; ` +
    (r.latest_tree_head ? `latest tree head size ${r.latest_tree_head.tree_size}` : "no tree head") +
    (r.uncovered_events > 0 ? `; ${r.uncovered_events} events after the latest tree head (not covered by a signed head)` : "") +
    `; ${r.prefix}; ${r.event_signatures_checked} event signatures checked individually`,
};
