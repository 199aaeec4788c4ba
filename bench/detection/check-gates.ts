/**
 * Gate soundness check: every WAF rule is run on every extracted value of every corpus case
 * (train and test) with and without the cheap gates (pre-gate, benign-shape skip, family gate).
 * A value a rule matches but a gate dismissed is a gate bug: gates may only save time, never
 * change a verdict. Prints the offending (family, rule, value) triples; exit code 1 if any.
 *
 *   npx tsx bench/detection/check-gates.ts [--paranoia 4]
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { extractValues } from "@/server/inspection/normalize/extract";
import { WAF_FAMILIES, wafFamiliesFor } from "@/server/inspection/gates";
import type { BenchCase } from "./cases";
import { loadCrs, loadHttpParams, loadPayloadsAllTheThings } from "./load-waf";
import { apiRequest, chatRequest } from "./json-bodies";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const corpusDir = process.env.AEGIS_CORPUS_DIR ?? path.resolve(repoRoot, "../shared/corpus");
const seen = new Set<string>();
const cases: BenchCase[] = [...loadCrs(corpusDir), ...loadPayloadsAllTheThings(corpusDir, seen), ...loadHttpParams(corpusDir, seen)];
const views = cases.flatMap((c) => (c.input.kind === "request" ? [c.input.view] : []));
for (let s = 0; s < 20; s++) views.push(apiRequest(4, s), chatRequest(4, s));

let values = 0;
let gated = 0;
const problems = new Map<string, string>();
for (const view of views) {
  for (const v of extractValues(view)) {
    values++;
    const allowed = new Set(wafFamiliesFor(v).map((f) => f.name));
    for (const f of WAF_FAMILIES) {
      if (allowed.has(f.name)) continue;
      gated++;
      for (const r of f.rules) {
        if (!r.kinds.has(v.kind)) continue;
        if (r.test(v) && !problems.has(`${r.rule_id} ${v.text}`)) problems.set(`${r.rule_id} ${v.text}`, `${f.name} ${r.rule_id} ${JSON.stringify(v.text.slice(0, 160))}`);
      }
    }
  }
}
for (const p of problems.values()) console.log("GATE MISS", p);
console.log(`${views.length} requests, ${values} values, ${gated} (value, family) pairs skipped by gates, ${problems.size} rule hits lost`);
process.exit(problems.size > 0 ? 1 : 0);
