/**
 * Training and grouped cross-validation for the prompt-injection classifier, shared by the
 * training script (train-prompt-classifier.ts) and the experiment script
 * (train-prompt-experiment.ts). Deterministic: fixed seeds, fixed example order.
 */
import { vectorize, WINDOW, windowStarts } from "@/server/inspection/prompt/classifier-features";
import { promptSignals } from "@/server/inspection/prompt/signals";
import { stableHash } from "./cases";
import type { TrainExample } from "./train-prompt-data";

export type Sparse = Array<[number, number]>;
export type Featurizer = (text: string, signals: number, bits: number) => Sparse;

export interface TrainOptions {
  epochs: number;
  /**
   * L2 shrinkage applied to a weight each time an example touching it is seen (so frequent
   * buckets are shrunk most). 3e-3 generalizes clearly better than the 1e-4 of the first model:
   * the model leans less on the exact phrasings of the train split (cross-validated on train).
   */
  l2: number;
  lr: number;
  bits: number;
  /** Class weight multiplier of benign examples (a false positive costs more). */
  benignWeight: number;
}

export const DEFAULT_OPTIONS: TrainOptions = { epochs: 30, l2: 3e-3, lr: 0.5, bits: 15, benignWeight: 2 };

export interface Model { w: Float64Array; bias: number }

/** Logistic regression by SGD with L2 (deterministic shuffles). */
export function train(xs: Sparse[], ys: number[], idx: number[], o: TrainOptions): Model {
  const w = new Float64Array(1 << o.bits);
  let bias = 0;
  const positives = idx.filter((i) => ys[i] === 1).length;
  const negatives = idx.length - positives;
  const classWeight = [o.benignWeight * idx.length / (2 * Math.max(1, negatives)), idx.length / (2 * Math.max(1, positives))];
  let seed = 42;
  const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const lr = o.lr / (1 + epoch * 0.2);
    const order = [...idx].sort(() => rand() - 0.5);
    for (const i of order) {
      const x = xs[i] ?? [];
      const y = ys[i] ?? 0;
      let z = bias;
      for (const [k, v] of x) z += (w[k] ?? 0) * v;
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - y) * (classWeight[y] ?? 1);
      for (const [k, v] of x) w[k] = (w[k] ?? 0) - lr * (g * v + o.l2 * (w[k] ?? 0));
      bias -= lr * g;
    }
  }
  return { w, bias };
}

/**
 * The windows a long tool result is scored on (the highest counts), each with the signals of the
 * whole text, as classifier.ts does; null for user turns and short texts (one vector).
 */
export function toolWindows(e: TrainExample, vec: (text: string, signals: number) => Sparse): Sparse[] | null {
  if (e.role !== "tool") return null;
  const starts = windowStarts(e.text.length);
  if (starts.length === 1) return null;
  const signals = promptSignals(e.text);
  return starts.map((s) => vec(e.text.slice(s, s + WINDOW), signals));
}

export function predict(m: Model, x: Sparse): number {
  let z = m.bias;
  for (const [k, v] of x) z += (m.w[k] ?? 0) * v;
  return 1 / (1 + Math.exp(-z));
}

export const FOLDS = 5;

/**
 * False-positive budgets per role and level: the share of that role's benign train texts the
 * out-of-fold predictions may flag. Tool results get none at PL1: an agent's documents are long,
 * varied and full of imperatives addressed to their human reader (install steps, terms of use),
 * and a false positive there stops a workflow.
 */
export const BUDGETS: Record<"user" | "tool", Record<"high" | "low", number>> = {
  user: { high: 0.005, low: 0.02 },
  tool: { high: 0, low: 0.02 },
};

/**
 * The lowest threshold (0.10–0.99) whose out-of-fold false positives on the role's benign train
 * texts stay within the budget. The composed benign texts count here: they can only raise a
 * threshold (fewer detections), and they are the only benign texts in most of the languages the
 * attacks use, so leaving them out let the model buy recall by flagging non-English prose.
 */
export function chooseThreshold(examples: TrainExample[], oof: number[], role: TrainExample["role"], budget: number): number {
  const benign = examples.map((e, i) => ({ e, p: oof[i] ?? 0 })).filter(({ e }) => e.y === 0 && e.role === role);
  for (let t = 0.1; t < 0.995; t += 0.01) {
    const flagged = benign.filter(({ p }) => p >= t);
    if (flagged.length <= Math.floor(budget * benign.length)) return Math.round(t * 100) / 100;
  }
  return 0.99;
}

export type Thresholds = Record<"user" | "tool", Record<"high" | "low", number>>;

/**
 * Grouped 5-fold cross-validation: translations of one CyberSecEval prompt, a deepset text used as
 * a user turn and inside a document, and a WHOIS record with and without its injection always land
 * in the same fold. salt reshuffles the folds (to see how much a number moves with the split).
 * windows[i], when given, are the vectors of a long tool result's windows: its out-of-fold
 * prediction is the highest window's, as at run time (the model itself is trained on whole texts).
 */
export function crossValidate(examples: TrainExample[], xs: Sparse[], o: TrainOptions, salt = "", windows?: Array<Sparse[] | null>): { oof: number[]; thresholds: Thresholds } {
  const ys = examples.map((e) => e.y);
  const fold = examples.map((e) => stableHash(`fold${salt}:${e.group}`) % FOLDS);
  const oof = new Array<number>(examples.length).fill(0);
  for (let f = 0; f < FOLDS; f++) {
    const model = train(xs, ys, examples.map((_, i) => i).filter((i) => fold[i] !== f), o);
    examples.forEach((_, i) => {
      if (fold[i] !== f) return;
      const ws = windows?.[i];
      oof[i] = ws ? Math.max(...ws.map((w) => predict(model, w))) : predict(model, xs[i] ?? []);
    });
  }
  const thresholds: Thresholds = {
    user: { high: chooseThreshold(examples, oof, "user", BUDGETS.user.high), low: chooseThreshold(examples, oof, "user", BUDGETS.user.low) },
    tool: { high: chooseThreshold(examples, oof, "tool", BUDGETS.tool.high), low: chooseThreshold(examples, oof, "tool", BUDGETS.tool.low) },
  };
  return { oof, thresholds };
}

function fnv(s: string, seed: number, mask: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & mask;
}

/** Word uni/bigrams plus the given character n-gram lengths, log-scaled and L2-normalized. */
function ngrams(chars: number[]): Featurizer {
  return (text, signals, bits) => {
    const mask = (1 << bits) - 1;
    const counts = new Map<number, number>();
    const bump = (k: number): void => { counts.set(k, (counts.get(k) ?? 0) + 1); };
    const s = text.length > 4000 ? text.slice(0, 4000) : text;
    const words = s.match(/[\p{L}\p{N}']+/gu) ?? [];
    for (let i = 0; i < words.length; i++) {
      bump(fnv(words[i] ?? "", 1, mask));
      if (i > 0) bump(fnv(`${words[i - 1]} ${words[i]}`, 2, mask));
    }
    const compact = s.replace(/\s+/g, " ");
    for (const n of chars) for (let i = 0; i + n <= compact.length; i++) bump(fnv(compact.slice(i, i + n), n === 3 ? 3 : 10 + n, mask));
    const entries: Sparse = [];
    let norm = 0;
    for (const [k, c] of counts) {
      const v = 1 + Math.log(c);
      entries.push([k, v]);
      norm += v * v;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (const e of entries) e[1] *= inv;
    for (let bit = 0; bit < 16; bit++) if ((signals >> bit) & 1) entries.push([fnv(`<signal:${bit}>`, 9, mask), 0.5]);
    return entries;
  };
}

/** "shipped" is the run-time featurizer (classifier-features.ts, 15 bits); the others are for comparison. */
export const FEATURIZERS: Record<string, Featurizer> = {
  shipped: (text, signals) => vectorize(text, signals),
  "chars-3": ngrams([3]),
  "chars-35": ngrams([3, 5]),
  "chars-45": ngrams([4, 5]),
  "chars-345": ngrams([3, 4, 5]),
};
