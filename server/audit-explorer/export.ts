// Audit export from the dashboard: the events matching the explorer's filters
// as CSV (for spreadsheets; formula-safe) or JSON (the signed records with their
// flight records). Newest MAX_EXPORT_EVENTS at most; `truncated` says when more matched.
// The offline-verifiable JSON Lines export of the whole log is the CLI's
// (`aegis audit export`, docs/audit-format.md §8); this one is for analysis.
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { auditWhere, ZAuditFilters } from "./filters";
import { parseBody, toSummary } from "./events";
import { readFlight } from "./flight";
import { toCsv } from "./csv";

export const MAX_EXPORT_EVENTS = 50_000;
const PAGE = 5_000;

export const ZExportAuditInput = z.object({
  format: z.enum(["csv", "json"]),
  filters: ZAuditFilters.optional(),
});
export type TExportAuditInput = z.infer<typeof ZExportAuditInput>;

const CSV_HEADER = [
  "seq", "ts", "request_id", "decision", "agent", "upstream", "action", "stage", "rule_ids", "findings_count",
  "finding_types", "max_severity", "finding_locations", "risk", "latency_us", "method", "path", "hash", "prev_hash", "key_id", "signature",
] as const;

type TExportRow = { seq: bigint; ts: Date; requestId: string; decision: string; agent: string | null; upstream: string | null; body: unknown; flight: unknown; hash: string; prevHash: string; keyId: string | null; signature: string | null };

async function loadNewest(sdb: Db, filters: TExportAuditInput["filters"], max: number): Promise<{ rows: TExportRow[]; truncated: boolean }> {
  const where = auditWhere(filters);
  const rows: TExportRow[] = [];
  let cursor: bigint | null = null;
  for (;;) {
    const take = Math.min(PAGE, max + 1 - rows.length);
    const page: TExportRow[] = await sdb.auditEvent.findMany({
      where: cursor === null ? where : { AND: [where, { seq: { lt: cursor } }] },
      orderBy: { seq: "desc" },
      take,
      select: { seq: true, ts: true, requestId: true, decision: true, agent: true, upstream: true, body: true, flight: true, hash: true, prevHash: true, keyId: true, signature: true },
    });
    rows.push(...page);
    const last = page[page.length - 1];
    if (page.length < take || !last || rows.length > max) break;
    cursor = last.seq;
  }
  const truncated = rows.length > max;
  return { rows: rows.slice(0, max).reverse(), truncated };
}

export async function exportAuditEvents(sdb: Db, p: { orgSlug: string; input: TExportAuditInput; now?: Date; max?: number }) {
  const { rows, truncated } = await loadNewest(sdb, p.input.filters, p.max ?? MAX_EXPORT_EVENTS);
  const stamp = (p.now ?? new Date()).toISOString().replace(/[:.]/g, "-");
  const filename = `aegis-audit-${p.orgSlug}-${stamp}.${p.input.format}`;
  if (p.input.format === "csv") {
    const lines = rows.map((r) => {
      const s = toSummary(r);
      const flight = readFlight(r.flight);
      return [
        s.seq, s.ts.toISOString(), s.requestId, s.decision, s.agent, s.upstream, s.action, s.stage, s.ruleIds.join(" "), s.findings.count,
        s.findings.types.join(" "), s.findings.max_severity, flight.findings.map((f) => `${f.rule_id}@${f.location}`).join(" "), s.risk, s.latencyUs,
        s.method, s.path, r.hash, r.prevHash, r.keyId, r.signature,
      ];
    });
    return { filename, contentType: "text/csv", count: rows.length, truncated, content: toCsv(CSV_HEADER, lines) };
  }
  const events = rows.map((r) => ({ event: parseBody(r.body), hash: r.hash, key_id: r.keyId, signature: r.signature, flight: r.flight ?? null }));
  const content = JSON.stringify({ format: "aegis.audit.explorer-export", version: 1, count: rows.length, truncated, filters: p.input.filters ?? {}, events }, null, 2) + "\n";
  return { filename, contentType: "application/json", count: rows.length, truncated, content };
}
