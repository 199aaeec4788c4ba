import { memoOf, type InspectedValue } from "./values";

/**
 * Keyword gates without big regular expressions: every keyword set is registered once and gets a
 * bit; a value's words are scanned once and the bits of all sets they hit are cached. A gate is
 * then a bit test. (One regex with a hundred alternatives, run per value and per gate, was the
 * largest cost of the engine on ordinary JSON bodies.)
 *
 * The table is keyed by a 32-bit hash of the word, so the scan looks words up without slicing a
 * string per word (allocation and string hashing were most of the scan). A hash hit is confirmed
 * by comparing the characters, so a collision can never set a bit.
 */
const BY_HASH = new Map<number, Array<{ word: string; bits: number }>>();
let nextBit = 0;
let minLength = Number.POSITIVE_INFINITY;
let maxLength = 0;

export interface KeywordSet {
  bit: number;
}

export function wordSet(list: string): KeywordSet {
  if (nextBit >= 30) throw new Error("too many keyword sets");
  const bit = 1 << nextBit++;
  for (const w of list.split(/\s+/)) {
    if (!w) continue;
    const h = hashOf(w, 0, w.length);
    const bucket = BY_HASH.get(h) ?? [];
    const entry = bucket.find((e) => e.word === w);
    if (entry) entry.bits |= bit;
    else bucket.push({ word: w, bits: bit });
    BY_HASH.set(h, bucket);
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

function hashOf(s: string, from: number, to: number): number {
  let h = 0;
  for (let k = from; k < to; k++) h = (Math.imul(h, 31) + s.charCodeAt(k)) | 0;
  return h;
}

/**
 * Bits of every keyword set the value's words hit. The whole text is scanned (it used to stop at
 * 8 KB, so a keyword padded past 8 KB of letters opened no gate); the scan is linear.
 */
function maskOf(v: InspectedValue): number {
  const memo = memoOf(v);
  if (memo.words !== undefined) return memo.words;
  let mask = 0;
  const text = v.text;
  const end = text.length;
  let i = 0;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (!isWordStart(c)) {
      // Digits glued to a following letter ("4821abc") are not part of the word, as with the regex.
      i++;
      continue;
    }
    let h = c;
    let j = i + 1;
    while (j < end) {
      const d = text.charCodeAt(j);
      if (!isWordChar(d)) break;
      h = (Math.imul(h, 31) + d) | 0;
      j++;
    }
    const len = j - i;
    if (len >= minLength && len <= maxLength) {
      const bucket = BY_HASH.get(h);
      if (bucket !== undefined) {
        for (const e of bucket) if (e.word.length === len && text.startsWith(e.word, i)) mask |= e.bits;
      }
    }
    i = j;
  }
  memo.words = mask;
  return mask;
}

export function hasAnyWord(v: InspectedValue, set: KeywordSet): boolean {
  return (maskOf(v) & set.bit) !== 0;
}
