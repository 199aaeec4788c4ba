import type { InspectedValue } from "./values";

/**
 * Keyword gates without big regular expressions: every keyword set is registered once and gets a
 * bit; a value's words are scanned once and the bits of all sets they hit are cached. A gate is
 * then a bit test. (One regex with a hundred alternatives, run per value and per gate, was the
 * largest cost of the engine on ordinary JSON bodies.)
 */
const WORD_BITS = new Map<string, number>();
let nextBit = 0;
const cache = new WeakMap<InspectedValue, number>();
const WORD = /[a-z_][a-z0-9_]*/g;
const MAX_SCAN = 8192;

export interface KeywordSet {
  bit: number;
}

export function wordSet(list: string): KeywordSet {
  if (nextBit >= 30) throw new Error("too many keyword sets");
  const bit = 1 << nextBit++;
  for (const w of list.split(/\s+/)) if (w) WORD_BITS.set(w, (WORD_BITS.get(w) ?? 0) | bit);
  return { bit };
}

function maskOf(v: InspectedValue): number {
  const cached = cache.get(v);
  if (cached !== undefined) return cached;
  let mask = 0;
  const text = v.text.length > MAX_SCAN ? v.text.slice(0, MAX_SCAN) : v.text;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const bits = WORD_BITS.get(m[0]);
    if (bits !== undefined) mask |= bits;
  }
  cache.set(v, mask);
  return mask;
}

export function hasAnyWord(v: InspectedValue, set: KeywordSet): boolean {
  return (maskOf(v) & set.bit) !== 0;
}
