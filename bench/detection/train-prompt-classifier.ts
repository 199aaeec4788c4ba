/**
 * Trains the small prompt-injection classifier shipped in server/inspection/prompt/ from the
 * TRAIN split only (deepset train, BIPIA train, hash-split train halves of the other sources;
 * see train-prompt-data.ts), chooses its thresholds by grouped 5-fold cross-validation on that
 * same split, and writes classifier-weights.ts. Deterministic: same corpus, same weights.
 *
 *   npx tsx bench/detection/train-prompt-classifier.ts
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { FEATURE_BITS, vectorize } from "@/server/inspection/prompt/classifier-features";
import { promptSignals } from "@/server/inspection/prompt/signals";
import { stableHash } from "./cases";
import { loadTrainExamples, type TrainExample } from "./train-prompt-data";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const corpusDir = process.env.AEGIS_CORPUS_DIR ?? path.resolve(repoRoot, "../shared/corpus");

type Sparse = Array<[number, number]>;
const examples = loadTrainExamples(corpusDir);
const xs: Sparse[] = examples.map((e) => vectorize(e.text, promptSignals(e.text)));
const ys = examples.map((e) => e.y);
const size = 1 << FEATURE_BITS;

/** Logistic regression by SGD with L2; benign examples weigh double (a false positive costs more). */
function train(idx: number[]): { w: Float64Array; bias: number } {
  const w = new Float64Array(size);
  let bias = 0;
  const positives = idx.filter((i) => ys[i] === 1).length;
  const negatives = idx.length - positives;
  const classWeight = [2 * idx.length / (2 * Math.max(1, negatives)), idx.length / (2 * Math.max(1, positives))];
  const l2 = 1e-4;
  let seed = 42;
  const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let epoch = 0; epoch < 30; epoch++) {
    const lr = 0.5 / (1 + epoch * 0.2);
    const order = [...idx].sort(() => rand() - 0.5);
    for (const i of order) {
      const x = xs[i] ?? [];
      const y = ys[i] ?? 0;
      let z = bias;
      for (const [k, v] of x) z += (w[k] ?? 0) * v;
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - y) * (classWeight[y] ?? 1);
      for (const [k, v] of x) w[k] = (w[k] ?? 0) - lr * (g * v + l2 * (w[k] ?? 0));
      bias -= lr * g;
    }
  }
  return { w, bias };
}

function predict(m: { w: Float64Array; bias: number }, x: Sparse): number {
  let z = m.bias;
  for (const [k, v] of x) z += (m.w[k] ?? 0) * v;
  return 1 / (1 + Math.exp(-z));
}

// Grouped 5-fold cross-validation: translations of one CyberSecEval prompt, and a deepset text
// used as a user turn and inside a document, always land in the same fold.
const FOLDS = 5;
const fold = examples.map((e) => stableHash(`fold:${e.group}`) % FOLDS);
const oof = new Array<number>(examples.length).fill(0);
for (let f = 0; f < FOLDS; f++) {
  const model = train(examples.map((_, i) => i).filter((i) => fold[i] !== f));
  examples.forEach((_, i) => { if (fold[i] === f) oof[i] = predict(model, xs[i] ?? []); });
}

/**
 * The lowest threshold (0.50–0.99) whose out-of-fold false positives on the role's benign corpus
 * texts stay within the budget. The composed benign prompts are excluded: they were written by the
 * same people as the rules and are not a fair false-positive measure.
 */
function chooseThreshold(role: TrainExample["role"], budget: number): number {
  const benign = examples.map((e, i) => ({ e, p: oof[i] ?? 0 })).filter(({ e }) => e.y === 0 && e.role === role && e.family !== "composed-benign");
  for (let t = 0.5; t < 0.995; t += 0.01) {
    const flagged = benign.filter(({ p }) => p >= t);
    if (flagged.length <= Math.floor(budget * benign.length)) return Math.round(t * 100) / 100;
  }
  return 0.99;
}

const dump = process.argv.includes("--show-fp");
if (dump) examples.forEach((e, i) => { if (e.y === 0 && (oof[i] ?? 0) >= 0.8) console.log("OOF-FP", e.role, e.family, (oof[i] ?? 0).toFixed(3), e.text.slice(0, 160)); });
const thresholds = {
  user: { high: chooseThreshold("user", 0.005), low: chooseThreshold("user", 0.02) },
  tool: { high: chooseThreshold("tool", 0.005), low: chooseThreshold("tool", 0.02) },
};
for (const role of ["user", "tool"] as const) {
  const attacks = examples.map((e, i) => ({ e, p: oof[i] ?? 0 })).filter(({ e }) => e.y === 1 && e.role === role);
  const caught = attacks.filter(({ p }) => p >= thresholds[role].high).length;
  console.log(`${role}: threshold high ${thresholds[role].high}, low ${thresholds[role].low}; out-of-fold recall at high ${(100 * caught / Math.max(1, attacks.length)).toFixed(1)}% of ${attacks.length} (classifier alone)`);
}

const model = train(examples.map((_, i) => i));
// Quantize to int8 with one scale: 32 KB of weights, base64 in a .ts module (no JSON import quirks).
let maxAbs = 0;
for (const v of model.w) maxAbs = Math.max(maxAbs, Math.abs(v));
const scale = maxAbs / 127 || 1;
const bytes = new Int8Array(size);
for (let i = 0; i < size; i++) bytes[i] = Math.round((model.w[i] ?? 0) / scale);
const b64 = Buffer.from(bytes.buffer).toString("base64");
const positives = ys.filter((y) => y === 1).length;
const out = path.join(repoRoot, "server/inspection/prompt/classifier-weights.ts");
writeFileSync(out, `// Generated by bench/detection/train-prompt-classifier.ts from the corpus TRAIN split. Do not edit.
// ${examples.length} examples (${positives} injection, ${examples.length - positives} benign), ${FEATURE_BITS}-bit hashed features plus concept signals, int8 weights.
// Thresholds chosen by grouped 5-fold cross-validation on the train split.
export const CLASSIFIER = {
  bits: ${FEATURE_BITS},
  scale: ${scale},
  bias: ${model.bias},
  thresholds: { user: { high: ${thresholds.user.high}, low: ${thresholds.user.low} }, tool: { high: ${thresholds.tool.high}, low: ${thresholds.tool.low} } },
  weights: "${b64}",
} as const;
`);
console.log(`trained on ${examples.length} examples (${positives}/${examples.length - positives}); wrote ${path.relative(repoRoot, out)}`);
