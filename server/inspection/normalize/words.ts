import type { InspectedValue } from "./values";

/**
 * The set of ASCII words in a value, computed once and shared by every gate that asks "does this
 * value contain any of these keywords?". A Set lookup per word is far cheaper than a regular
 * expression with a hundred alternatives run over the whole text.
 */
const cache = new WeakMap<InspectedValue, Set<string>>();
const WORD = /[a-z_][a-z0-9_]*/g;

export function wordsOf(v: InspectedValue): Set<string> {
  let words = cache.get(v);
  if (!words) {
    words = new Set(v.text.length > 8192 ? v.text.slice(0, 8192).match(WORD) : v.text.match(WORD));
    cache.set(v, words);
  }
  return words;
}

export function hasAnyWord(v: InspectedValue, keywords: ReadonlySet<string>): boolean {
  const words = wordsOf(v);
  const [small, large] = words.size < keywords.size ? [words, keywords] : [keywords, words];
  for (const w of small) if (large.has(w)) return true;
  return false;
}

export function wordSet(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}
