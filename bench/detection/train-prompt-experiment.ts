/**
 * Feature/model experiments for the prompt-injection classifier, on the TRAIN split only: grouped
 * 5-fold cross-validation, thresholds chosen from the out-of-fold predictions exactly as the
 * training script does, and the heuristics (every rule except the classifier) OR-ed in, so the
 * numbers are what the engine would detect. Prints recall per role and family and OOF false
 * positives per benign family. Never reads the test split.
 *
 *   npx tsx bench/detection/train-prompt-experiment.ts [--config shipped|chars-3|chars-35|chars-45|chars-345]
 *       [--l2 1e-2] [--epochs 30] [--bw 2] [--bits 15] [--fold-salt s] [--show [family]] [--probe texts.json]
 *
 * --show prints the out-of-fold false positives and misses; --probe trains on the whole train
 * split and scores a JSON array of extra texts as user turns (a sanity check on text of your own).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promptSignals } from "@/server/inspection/prompt/signals";
import { evaluate } from "./evaluate";
import { loadLlm } from "./load-llm";
import { loadTrainExamples, type TrainExample } from "./train-prompt-data";
import { normalizeProse } from "@/server/inspection/normalize/decode";
import { crossValidate, DEFAULT_OPTIONS, toolWindows, type Featurizer, FEATURIZERS, predict, train, type TrainOptions } from "./train-prompt-model";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const corpusDir = process.env.AEGIS_CORPUS_DIR ?? path.resolve(repoRoot, "../shared/corpus");
const args = process.argv.slice(2);
const arg = (n: string): string | undefined => { const i = args.indexOf(n); return i >= 0 ? args[i + 1] : undefined; };

const examples = loadTrainExamples(corpusDir);

// Heuristic verdicts (classifier off) per train case id, cached between runs.
const cacheFile = "/tmp/pi-heuristics-train.json";
let heur: Record<string, boolean>;
if (existsSync(cacheFile) && !args.includes("--fresh")) heur = JSON.parse(readFileSync(cacheFile, "utf8")) as Record<string, boolean>;
else {
  heur = {};
  const wanted = new Set(examples.map((e) => e.id));
  for (const c of loadLlm(corpusDir)) if (c.split === "train" && wanted.has(c.id)) heur[c.id] = evaluate(c, undefined, ["pi-classifier", "pi-classifier-low"]).flagged;
  writeFileSync(cacheFile, JSON.stringify(heur));
}

const config = arg("--config") ?? "shipped";
const feat: Featurizer | undefined = FEATURIZERS[config];
if (feat === undefined) throw new Error(`unknown --config ${config}; one of ${Object.keys(FEATURIZERS).join(", ")}`);
const d = DEFAULT_OPTIONS;
const opts: TrainOptions = { epochs: Number(arg("--epochs") ?? d.epochs), l2: Number(arg("--l2") ?? d.l2), lr: Number(arg("--lr") ?? d.lr), bits: Number(arg("--bits") ?? d.bits), benignWeight: Number(arg("--bw") ?? d.benignWeight) };
if (config === "shipped" && opts.bits !== d.bits) throw new Error("the shipped featurizer has 15 bits");
const t0 = Date.now();
const xs = examples.map((e) => feat(e.text, promptSignals(e.text), opts.bits));
// Tool results are scored per window (classifier-features.ts windowStarts), as at run time.
const windows = args.includes("--no-windows") ? undefined : examples.map((e) => toolWindows(e, (t, sig) => feat(t, sig, opts.bits)));
const { oof, thresholds } = crossValidate(examples, xs, opts, arg("--fold-salt") ?? "", windows);
const secs = (Date.now() - t0) / 1000;

const rows = examples.map((e, i) => ({ e, p: oof[i] ?? 0, h: heur[e.id] === true }));
const flag = (r: { e: TrainExample; p: number; h: boolean }, level: "high" | "low" = "high"): boolean => r.h || r.p >= thresholds[r.e.role][level];
const pct = (a: number, b: number): string => `${(100 * a / Math.max(1, b)).toFixed(1)}%`;
console.log(`config ${config} ${JSON.stringify(opts)} (${secs.toFixed(1)} s); thresholds ${JSON.stringify(thresholds)}; mean features ${(xs.reduce((s, x) => s + x.length, 0) / xs.length).toFixed(0)}`);
const attacks = rows.filter((r) => r.e.y === 1);
console.log(`ALL attacks: ${pct(attacks.filter((r) => flag(r)).length, attacks.length)} (classifier alone ${pct(attacks.filter((r) => r.p >= thresholds[r.e.role].high).length, attacks.length)})`);
for (const role of ["user", "tool"] as const) {
  const a = attacks.filter((r) => r.e.role === role);
  console.log(`  ${role}: ${pct(a.filter((r) => flag(r)).length, a.length)} of ${a.length}`);
}
const fams = [...new Set(rows.map((r) => `${r.e.role}|${r.e.family}|${r.e.y}`))].sort();
for (const f of fams) {
  const [role = "", family = "", y = ""] = f.split("|");
  const rs = rows.filter((r) => r.e.role === role && r.e.family === family && String(r.e.y) === y);
  const n = rs.filter((r) => flag(r)).length;
  const nl = rs.filter((r) => flag(r, "low")).length;
  console.log(`  ${y === "1" ? "attack" : "benign"} ${role.padEnd(4)} ${family.padEnd(36)} ${String(rs.length).padStart(4)}  high ${pct(n, rs.length).padStart(6)} (${n})  low ${pct(nl, rs.length).padStart(6)} (${nl})`);
}
if (args.includes("--scores")) for (const r of rows) if (r.e.family.startsWith(arg("--scores") ?? "")) console.log("SCORE", r.e.family, r.e.y, r.p.toFixed(3), r.e.text.length);
if (args.includes("--show")) {
  for (const r of rows) if (r.e.y === 0 && flag(r)) console.log("FP", r.e.role, r.e.family, r.p.toFixed(3), JSON.stringify(r.e.text.slice(0, 200)));
  const fam = arg("--show");
  for (const r of rows) if (r.e.y === 1 && !flag(r) && (fam === undefined || r.e.family === fam)) console.log("MISS", r.e.id, r.e.role, r.e.family, r.p.toFixed(3), JSON.stringify(r.e.text.slice(0, 200)));
}
const probeFile = arg("--probe");
if (probeFile !== undefined) {
  const full = train(xs, examples.map((e) => e.y), examples.map((_, i) => i), opts);
  const probes = JSON.parse(readFileSync(probeFile, "utf8")) as string[];
  let flagged = 0;
  for (const t of probes) {
    const text = normalizeProse(t);
    const p = predict(full, feat(text, promptSignals(text), opts.bits));
    if (p >= thresholds.user.high) flagged++;
    console.log(`PROBE ${p.toFixed(3)} ${p >= thresholds.user.high ? "FLAG" : "    "} ${t.slice(0, 100)}`);
  }
  console.log(`probes flagged at user high: ${flagged} / ${probes.length}`);
}
