import type { Rule } from "../rule";
import { CLASSIFIER } from "./classifier-weights";
import { vectorize } from "./classifier-features";

/**
 * A logistic-regression classifier over hashed n-grams, trained offline on the corpus train
 * split (bench/detection/train-prompt-classifier.ts) and shipped as 32 KB of int8 weights; no
 * download at run time. It only reads LLM turns written by the user or by tools.
 */
const weights = new Int8Array(Buffer.from(CLASSIFIER.weights, "base64"));

export function injectionProbability(text: string): number {
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
      const p = injectionProbability(v.text);
      return p >= threshold ? { index: 0, length: 80, score: Math.round(40 + 55 * p) } : null;
    },
  };
}

export const CLASSIFIER_THRESHOLDS = { high: 0.9, low: 0.7 };

export const CLASSIFIER_RULES: Rule[] = [
  classifierRule("pi-classifier", 1, CLASSIFIER_THRESHOLDS.high, `Trained n-gram classifier, probability ≥ ${CLASSIFIER_THRESHOLDS.high}`),
  classifierRule("pi-classifier-low", 2, CLASSIFIER_THRESHOLDS.low, `Trained n-gram classifier, probability ≥ ${CLASSIFIER_THRESHOLDS.low} (stricter orgs)`),
];
