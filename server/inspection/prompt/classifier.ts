import type { Rule } from "../rule";
import { memoOf } from "../normalize/values";
import { CLASSIFIER } from "./classifier-weights";
import { FEATURE_BITS, forEachFeature, vectorize } from "./classifier-features";

/**
 * A logistic-regression classifier over hashed n-grams, trained offline on the corpus train
 * split (bench/detection/train-prompt-classifier.ts) and shipped as 32 KB of int8 weights; no
 * download at run time. It only reads LLM turns written by the user or by tools.
 */
const weights = new Int8Array(Buffer.from(CLASSIFIER.weights, "base64"));

// Scratch counters reused across calls (always cleared before returning): counting into a typed
// array instead of a Map is most of the classifier's speed. Inference is synchronous, so calls
// cannot interleave.
const counts = new Uint16Array(1 << FEATURE_BITS);
const touched: number[] = [];

function bump(k: number): void {
  if (counts[k] === 0) touched.push(k);
  counts[k] = Math.min(65535, (counts[k] ?? 0) + 1);
}

/** Same value as the sum over vectorize(text) (log-scaled, L2-normalized), without building it. */
export function injectionProbability(text: string): number {
  touched.length = 0;
  forEachFeature(text, bump);
  let dot = 0;
  let norm = 0;
  for (const k of touched) {
    const v = 1 + Math.log(counts[k] ?? 1);
    dot += (weights[k] ?? 0) * v;
    norm += v * v;
    counts[k] = 0;
  }
  const z = CLASSIFIER.bias + (norm > 0 ? (CLASSIFIER.scale * dot) / Math.sqrt(norm) : 0);
  return 1 / (1 + Math.exp(-z));
}

/** The reference implementation (used by the training script's checks and the unit tests). */
export function injectionProbabilityReference(text: string): number {
  let z = CLASSIFIER.bias;
  for (const [k, v] of vectorize(text)) z += (weights[k] ?? 0) * CLASSIFIER.scale * v;
  return 1 / (1 + Math.exp(-z));
}

const LLM_ONLY = new Set(["llm"] as const);

function classifierRule(rule_id: string, paranoia: 1 | 2, threshold: number, description: string): Rule {
  return {
    rule_id, category: "prompt_injection", paranoia, description, kinds: LLM_ONLY,
    test: (v) => {
      if (v.role !== "user" && v.role !== "tool") return null;
      const memo = memoOf(v);
      const p = memo.pi ?? (memo.pi = injectionProbability(v.text));
      return p >= threshold ? { index: 0, length: 80, score: Math.round(40 + 55 * p) } : null;
    },
  };
}

export const CLASSIFIER_THRESHOLDS = { high: 0.9, low: 0.7 };

export const CLASSIFIER_RULES: Rule[] = [
  classifierRule("pi-classifier", 1, CLASSIFIER_THRESHOLDS.high, `Trained n-gram classifier, probability ≥ ${CLASSIFIER_THRESHOLDS.high}`),
  classifierRule("pi-classifier-low", 2, CLASSIFIER_THRESHOLDS.low, `Trained n-gram classifier, probability ≥ ${CLASSIFIER_THRESHOLDS.low} (stricter orgs)`),
];
