/**
 * Exact-equivalence check for performance work: every corpus case (both splits) and the latency
 * bench's JSON bodies through the real engine, at the case's paranoia and at paranoia 4, with the
 * verdict cache off and on, printing one line per (case, config) with every finding (rule, location,
 * score, evidence) and the risk. Run it before and after a change and diff the outputs: an
 * optimization may change timings only, so the files must be byte-identical.
 *
 *   npx tsx bench/detection/findings-fingerprint.ts > /tmp/before.txt
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { clearVerdictCache, inspectAction, inspectRequest } from "@/server/inspection";
import { DEFAULT_INSPECTION_CONFIG, type InspectionConfig, type InspectionResult, type Paranoia } from "@/server/inspection/types";
import type { BenchCase } from "./cases";
import { loadCrs, loadHttpParams, loadPayloadsAllTheThings } from "./load-waf";
import { loadLlm } from "./load-llm";
import { loadDlp } from "./load-dlp";
import { loadComposedActions } from "./composed-actions";
import { apiRequest, chatConversation, chatRequest } from "./json-bodies";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const corpusDir = process.env.AEGIS_CORPUS_DIR ?? path.resolve(repoRoot, "../shared/corpus");
const seen = new Set<string>();
const cases: BenchCase[] = [...loadCrs(corpusDir), ...loadPayloadsAllTheThings(corpusDir, seen), ...loadHttpParams(corpusDir, seen), ...loadLlm(corpusDir), ...loadDlp(corpusDir), ...loadComposedActions()];
for (const kb of [1, 4, 16]) {
  for (let s = 0; s < 10; s++) {
    const conv = chatConversation(kb, s);
    const extra = (id: string, view: BenchCase["input"] & { kind: "request" }): BenchCase => ({ id, source: "json-bodies", family: "bench", category: "sqli", channel: "http_request", label: "benign", hard: false, split: "train", input: view });
    cases.push(
      extra(`api-${kb}-${s}`, { kind: "request", view: apiRequest(kb, s) }),
      extra(`chat-${kb}-${s}`, { kind: "request", view: chatRequest(kb, s) }),
      extra(`conv-prev-${kb}-${s}`, { kind: "request", view: conv.previous }),
      extra(`conv-next-${kb}-${s}`, { kind: "request", view: conv.next }),
    );
  }
}

function line(r: InspectionResult): string {
  return `${r.risk} ${JSON.stringify(r.findings.map((f) => [f.category, f.rule_id, f.score, f.location, f.evidence]))}`;
}

const out: string[] = [];
for (const cache of [false, true]) {
  clearVerdictCache();
  for (const paranoia of ["case", 4] as const) {
    for (const c of cases) {
      const p: Paranoia = paranoia === "case" ? (c.paranoia ?? DEFAULT_INSPECTION_CONFIG.paranoia) : paranoia;
      const config: InspectionConfig = { ...DEFAULT_INSPECTION_CONFIG, paranoia: p, dlp: { ...DEFAULT_INSPECTION_CONFIG.dlp, minCount: c.dlpMinCount ?? DEFAULT_INSPECTION_CONFIG.dlp.minCount } };
      const r = c.input.kind === "request" ? inspectRequest(c.input.view, config, { cache }) : inspectAction(c.input.action, config);
      out.push(`${c.id} cache=${cache} p=${p} ${line(r)}`);
    }
  }
}
process.stdout.write(`${out.join("\n")}\n`);
console.error(`${cases.length} cases, ${out.length} lines`);
