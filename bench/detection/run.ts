/**
 * Detection benchmark: every labelled case in the shared corpus through the real inspectRequest /
 * inspectAction. Prints and writes bench/results/detection.md.
 *
 *   npm run bench:detection                 test split (the reported numbers)
 *   npm run bench:detection -- --split train --misses sqli   tuning view: misses and FPs, train split only
 *
 * Misses are never printed for the test split: tuning happens on train, the test split is only
 * measured (corpus README: "never tune on a test split").
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Paranoia } from "@/server/inspection/types";
import type { BenchCase } from "./cases";
import { evaluate, textOf, type Outcome } from "./evaluate";
import { loadCrs, loadHttpParams, loadPayloadsAllTheThings } from "./load-waf";
import { loadLlm } from "./load-llm";
import { loadDlp } from "./load-dlp";
import { loadComposedActions } from "./composed-actions";
import { attackTable, benignTable, familyTable, groupBy, summarize, type Row } from "./report";
import { latencyTable } from "./latency";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const corpusDir = process.env.AEGIS_CORPUS_DIR ?? path.resolve(repoRoot, "../shared/corpus");
const args = process.argv.slice(2);
const argValue = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const split = argValue("--split") ?? "test";
const misses = argValue("--misses");
const shouldWrite = split === "test" && !args.includes("--no-write");

if (!existsSync(path.join(corpusDir, "README.md"))) {
  console.error(`Corpus not found at ${corpusDir}. Set AEGIS_CORPUS_DIR to the shared corpus directory.`);
  process.exit(2);
}
if (misses !== undefined && split !== "train") {
  console.error("--misses is only available with --split train (never tune on the test split).");
  process.exit(2);
}

function loadAll(): BenchCase[] {
  const seen = new Set<string>();
  return [...loadCrs(corpusDir), ...loadPayloadsAllTheThings(corpusDir, seen), ...loadHttpParams(corpusDir, seen), ...loadLlm(corpusDir), ...loadDlp(corpusDir), ...loadComposedActions()];
}

const all = loadAll();
const cases = all.filter((c) => c.split === split);
// Warm-up so the JIT has compiled the hot paths before anything is timed.
for (const c of cases.slice(0, 3000)) evaluate(c);
const RUNS = Number(argValue("--runs") ?? 3);
const outcomes: Outcome[] = cases.map((c) => evaluate(c, undefined, [], RUNS));

const attacks = outcomes.filter((o) => o.c.label === "attack");
const inScope = attacks.filter((o) => o.c.category !== "out_of_scope" && o.c.category !== "llm_code_payload");
const CATEGORY_ORDER = ["sqli", "xss", "traversal", "rce", "ssrf", "ssti", "prompt_injection", "pii", "secret", "dangerous_action"];
const byCategory = groupBy(inScope, (c) => c.category);
const attackRows: Row[] = CATEGORY_ORDER.filter((k) => byCategory.has(k as BenchCase["category"])).map((k) => summarize(k, byCategory.get(k as BenchCase["category"]) ?? []));
const promptIndirect = inScope.filter((o) => o.c.category === "prompt_injection" && o.c.channel === "llm_tool_output");
const promptDirect = inScope.filter((o) => o.c.category === "prompt_injection" && o.c.channel === "llm_user");
attackRows.push(summarize("↳ prompt_injection, user turn", promptDirect), summarize("↳ prompt_injection, tool output (indirect)", promptIndirect));
// The same cases without the trained classifier: what the heuristics alone achieve.
const heuristicsOnly = [...promptDirect, ...promptIndirect].map((o) => evaluate(o.c, undefined, ["pi-classifier", "pi-classifier-low"]));
attackRows.push(summarize("↳ prompt_injection, heuristics only (classifier off)", heuristicsOnly));
const outOfScope = attacks.filter((o) => o.c.category === "out_of_scope" || o.c.category === "llm_code_payload");

const benign = outcomes.filter((o) => o.c.label === "benign");
const easy = benign.filter((o) => !o.c.hard);
const set = (pred: (c: BenchCase) => boolean): Outcome[] => easy.filter((o) => pred(o.c));
const benignRows: Row[] = [
  summarize("HTTP parameters (HttpParams norm)", set((c) => c.source === "httpparams")),
  summarize("LLM user turns (deepset legit, garak benign)", set((c) => c.channel === "llm_user")),
  summarize("LLM tool outputs (documents, WHOIS records)", set((c) => c.channel === "llm_tool_output")),
  summarize("DLP near-misses (Luhn-invalid cards, invalid SSNs/IBAN, IDs)", set((c) => c.channel === "dlp_text")),
  summarize("Agent actions (composed)", set((c) => c.source === "composed")),
  summarize("all benign", easy),
];
const hard = benign.filter((o) => o.c.hard);
const hardRows: Row[] = [
  ...[...groupBy(hard.filter((o) => o.c.source === "crs"), (c) => c.family)].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => summarize(`CRS no_match: ${k}`, v)),
  summarize("CRS no_match, all", hard.filter((o) => o.c.source === "crs")),
  summarize("NotInject (benign prompts with trigger words)", hard.filter((o) => o.c.source === "notinject")),
];

function plTable(): string {
  const crs = attacks.filter((o) => o.c.source === "crs" && o.c.category !== "out_of_scope");
  const rows = ([1, 2, 3, 4] as const).map((pl) => summarize(`CRS attack stages, rule PL${pl} (run at PL${pl})`, crs.filter((o) => o.c.paranoia === pl)));
  return attackTable(rows, 97);
}

function higherParanoia(): string {
  const probe = benign.filter((o) => o.c.source === "httpparams" || o.c.source === "crs" || o.c.source === "notinject" || o.c.channel === "llm_user");
  const rows: Row[] = [];
  for (const pl of [2, 3, 4] as Paranoia[]) {
    const rerun = probe.map((o) => evaluate(o.c, pl));
    rows.push(summarize(`PL${pl}: HTTP params benign`, rerun.filter((o) => o.c.source === "httpparams")));
    rows.push(summarize(`PL${pl}: CRS no_match`, rerun.filter((o) => o.c.source === "crs")));
    rows.push(summarize(`PL${pl}: LLM user benign + NotInject`, rerun.filter((o) => o.c.channel === "llm_user")));
  }
  return benignTable(rows, null);
}

const overall = summarize("all cases", outcomes);
const report = [
  "# Detection benchmark",
  "",
  `Generated by \`npm run bench:detection\` on the **${split}** split of /work/shared/corpus (${outcomes.length} cases; ${all.length} across both splits). Default config (paranoia 1) except: CRS stages run at their rule's paranoia level, DLP cases use dlp.minCount = 1. A case is detected when it produces at least one finding (DLP cases: a pii/secret finding; all others: any non-DLP finding).`,
  "",
  `Timings: wall-clock per inspect call, fastest of ${RUNS} runs per case (the machine is shared; the minimum filters out time spent waiting for a CPU), Node ${process.version}, load average at start ${loadavg()[0]?.toFixed(1) ?? "?"} on ${cpus().length} CPUs. All cases: p50 ${overall.p50.toFixed(0)} µs, p99 ${overall.p99.toFixed(0)} µs.`,
  "",
  "## Attack detection by category (targets: ≥ 97% detection)",
  "",
  attackTable(attackRows, 97),
  "",
  "## False positives on benign traffic (target ≤ 1%)",
  "",
  benignTable(benignRows, 1),
  "",
  "## Hard negatives (reported separately: look-alikes built to trip rules)",
  "",
  benignTable(hardRows, null),
  "",
  "## CRS attack stages by paranoia level",
  "",
  plTable(),
  "",
  "## Benign traffic at higher paranoia levels",
  "",
  higherParanoia(),
  "",
  "## Latency for typical API payloads (JSON bodies of benign form values)",
  "",
  latencyTable(),
  "",
  "## Families without a dedicated detector (not part of the targets)",
  "",
  familyTable(outOfScope),
  "",
  "## Per family",
  "",
  familyTable(outcomes.filter((o) => o.c.category !== "out_of_scope" && o.c.category !== "llm_code_payload")),
  "",
].join("\n");

console.log(report);
if (misses !== undefined) {
  const wanted = (o: Outcome): boolean => o.c.category === misses || o.c.family === misses || o.c.channel === misses || o.c.source === misses;
  console.log(`\n## Train-split misses for ${misses}`);
  for (const o of outcomes.filter((x) => wanted(x) && x.c.label === "attack" && !x.flagged).slice(0, Number(argValue("--limit") ?? 40))) console.log("MISS", o.c.id, JSON.stringify(textOf(o.c)).slice(0, 300));
  for (const o of outcomes.filter((x) => wanted(x) && x.c.label === "benign" && x.flagged).slice(0, Number(argValue("--limit") ?? 40))) console.log("FP  ", o.c.id, o.rules.join(","), JSON.stringify(textOf(o.c)).slice(0, 300));
}
if (shouldWrite) {
  const out = path.join(repoRoot, "bench/results/detection.md");
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, report);
  console.log(`\nwrote ${path.relative(repoRoot, out)}`);
}
