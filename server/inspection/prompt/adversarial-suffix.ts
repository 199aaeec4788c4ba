import type { Rule } from "../rule";
import type { InspectedValue, ValueKind } from "../normalize/values";

/**
 * Optimized adversarial suffixes (GCG and its transfers) are token soup appended to a harmful
 * request: "... [ [ [ [essoritemeurateurpher [ CF B2 [ II domainier [ [". What survives across
 * them is punctuation used as whole tokens and left unbalanced: several lone "[" with no "]"
 * to close them, or a run of lone "!". Nested code and JSON close their brackets; markdown
 * checkboxes ("[ ]") are balanced; prose does not put "[" between spaces.
 */
const PI_KINDS: ReadonlySet<ValueKind> = new Set(["llm"]);
const BANG_RUN = /(?:^|\s)!(?:\s+!){4,}(?=\s|$)/;
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

export function hasAdversarialSuffixShape(text: string): boolean {
  if (text.indexOf("[") >= 0) {
    let open = 0;
    let close = 0;
    let lone = 0;
    for (let i = text.indexOf("["); i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 93) close++;
      else if (c === 91) {
        open++;
        const before = i === 0 ? 32 : text.charCodeAt(i - 1);
        const after = i + 1 >= text.length ? 32 : text.charCodeAt(i + 1);
        if (isSpace(before) && isSpace(after)) lone++;
      }
    }
    if (open - close >= 3 && lone >= 2) return true;
  }
  return text.indexOf("!") >= 0 && BANG_RUN.test(text);
}

export const ADVERSARIAL_SUFFIX_RULES: Rule[] = [
  {
    rule_id: "pi-adversarial-suffix", category: "prompt_injection", paranoia: 1, kinds: PI_KINDS,
    description: "Optimized adversarial suffix shape (unbalanced lone '[' tokens or a run of lone '!')",
    test: (v: InspectedValue) => {
      if (v.role !== "user" && v.role !== "tool") return null;
      return hasAdversarialSuffixShape(v.text) ? { index: 0, length: 80, score: 65 } : null;
    },
  },
];
