import { memoOf, type InspectedValue } from "./values";

/**
 * Keyword gates without big regular expressions: every keyword set is registered once and gets a
 * bit; a value's words are scanned once and the bits of all sets they hit are cached. A gate is
 * then a bit test. (One regex with a hundred alternatives, run per value and per gate, was the
 * largest cost of the engine on ordinary JSON bodies.)
 */
const WORD_BITS = new Map<string, number>();
let nextBit = 0;
let minLength = Number.POSITIVE_INFINITY;
let maxLength = 0;
const MAX_SCAN = 8192;

export interface KeywordSet {
  bit: number;
}

export function wordSet(list: string): KeywordSet {
  if (nextBit >= 30) throw new Error("too many keyword sets");
  const bit = 1 << nextBit++;
  for (const w of list.split(/\s+/)) {
    if (!w) continue;
    WORD_BITS.set(w, (WORD_BITS.get(w) ?? 0) | bit);
    minLength = Math.min(minLength, w.length);
    maxLength = Math.max(maxLength, w.length);
  }
  return { bit };
}

// Word characters as the old /[a-z_][a-z0-9_]*/g scanner saw them: a word starts at a letter or
// '_' and continues through letters, digits and '_'. A digit run before a letter is not part of it.
function isWordStart(c: number): boolean {
  return (c >= 97 && c <= 122) || c === 95;
}
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || c === 95 || (c >= 48 && c <= 57);
}

function maskOf(v: InspectedValue): number {
  const memo = memoOf(v);
  if (memo.words !== undefined) return memo.words;
  let mask = 0;
  const text = v.text;
  const end = Math.min(text.length, MAX_SCAN);
  let i = 0;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (!isWordStart(c)) {
      // Digits glued to a following letter ("4821abc") never start a word, as with the regex.
      i++;
      continue;
    }
    let j = i + 1;
    while (j < end && isWordChar(text.charCodeAt(j))) j++;
    const len = j - i;
    if (len >= minLength && len <= maxLength) {
      const bits = WORD_BITS.get(text.slice(i, j));
      if (bits !== undefined) mask |= bits;
    }
    i = j;
  }
  memo.words = mask;
  return mask;
}

export function hasAnyWord(v: InspectedValue, set: KeywordSet): boolean {
  return (maskOf(v) & set.bit) !== 0;
}
