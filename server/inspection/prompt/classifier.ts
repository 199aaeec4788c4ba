import type { Rule } from "../rule";
import { memoOf } from "../normalize/values";
import { CLASSIFIER } from "./classifier-weights";
import { countFeatures, countValue, FEATURE_BITS, forEachSignalFeature, vectorize, WINDOW, windowStarts } from "./classifier-features";
import { signalsOf } from "./social-engineering";

/**
 * A logistic-regression classifier over hashed n-grams, trained offline on the corpus train
 * split (bench/detection/train-prompt-classifier.ts) and shipped as 32 KB of int8 weights; no
 * download at run time. It only reads LLM turns written by the user or by tools; long tool
 * results are scored per window (windowedInjectionProbability).
 */
const weights = new Int8Array(Buffer.from(CLASSIFIER.weights, "base64"));

// Scratch counters reused across calls (always cleared before returning): counting into a typed
// array instead of a Map is most of the classifier's speed. Inference is synchronous, so calls
// cannot interleave.
const counts = new Uint16Array(1 << FEATURE_BITS);
const touched: number[] = [];

/** Same value as the sum over vectorize(text, signals) (log-scaled, L2-normalized), without building it. */
export function injectionProbability(text: string, signals = 0): number {
  touched.length = 0;
  countFeatures(text, counts, touched);
  let dot = 0;
  let norm = 0;
  for (let i = 0; i < touched.length; i++) {
    const k = touched[i] ?? 0;
    const v = countValue(counts[k] ?? 1);
    dot += (weights[k] ?? 0) * v;
    norm += v * v;
    counts[k] = 0;
  }
  let signalDot = 0;
  forEachSignalFeature(signals, (k, v) => { signalDot += (weights[k] ?? 0) * v; });
  const z = CLASSIFIER.bias + (norm > 0 ? (CLASSIFIER.scale * dot) / Math.sqrt(norm) : 0) + CLASSIFIER.scale * signalDot;
  return 1 / (1 + Math.exp(-z));
}

/** A tool result's probability: the highest of its windows (windowStarts), each with the text's signals. */
export function windowedInjectionProbability(text: string, signals = 0): number {
  const starts = windowStarts(text.length);
  if (starts.length === 1) return injectionProbability(text, signals);
  let best = 0;
  for (const s of starts) best = Math.max(best, injectionProbability(text.slice(s, s + WINDOW), signals));
  return best;
}

/** The reference implementation (used by the training script's checks and the unit tests). */
export function injectionProbabilityReference(text: string, signals = 0): number {
  let z = CLASSIFIER.bias;
  for (const [k, v] of vectorize(text, signals)) z += (weights[k] ?? 0) * CLASSIFIER.scale * v;
  return 1 / (1 + Math.exp(-z));
}

const LLM_ONLY = new Set(["llm"] as const);

type Level = "high" | "low";

/**
 * Thresholds per role, chosen by the training script with grouped 5-fold cross-validation on the
 * train split (never on test): "high" is the lowest probability at which the out-of-fold
 * predictions flag at most 0.5% (1 in 200) of the benign user turns (NotInject and the composed
 * benign prompts included) and none of the benign tool results; "low" allows 2%. Benign tool
 * results and user turns look different.
 */
export const CLASSIFIER_THRESHOLDS: Record<"user" | "tool", Record<Level, number>> = CLASSIFIER.thresholds;

function classifierRule(rule_id: string, paranoia: 1 | 2, level: Level, description: string): Rule {
  return {
    rule_id, category: "prompt_injection", paranoia, description, kinds: LLM_ONLY,
    test: (v) => {
      if (v.role !== "user" && v.role !== "tool") return null;
      const memo = memoOf(v);
      const p = memo.pi ?? (memo.pi = v.role === "tool" ? windowedInjectionProbability(v.text, signalsOf(v)) : injectionProbability(v.text, signalsOf(v)));
      const t = CLASSIFIER_THRESHOLDS[v.role][level];
      return p >= t ? { index: 0, length: 80, score: Math.round(40 + 55 * p) } : null;
    },
  };
}

const { user, tool } = CLASSIFIER_THRESHOLDS;

export const CLASSIFIER_RULES: Rule[] = [
  classifierRule("pi-classifier", 1, "high", `Trained n-gram classifier, probability ≥ ${user.high} (user turns) / ${tool.high} (tool results)`),
  classifierRule("pi-classifier-low", 2, "low", `Trained n-gram classifier, probability ≥ ${user.low} / ${tool.low} (stricter orgs)`),
];
