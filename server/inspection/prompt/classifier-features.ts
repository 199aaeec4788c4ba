/**
 * Feature hashing shared by the training script (bench/detection/train-prompt-classifier.ts) and
 * run-time inference: word unigrams and bigrams plus character 3-, 4- and 5-grams (which carry
 * languages without spaces, inflected forms and misspellings), hashed into a fixed number of
 * buckets.
 */
export const FEATURE_BITS = 15;
const MASK = (1 << FEATURE_BITS) - 1;
const MAX_CHARS = 4000;

function hash(s: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & MASK;
}

const PRIME = 0x01000193;
const SEED_WORD = 0x811c9dc5 ^ 1;
const SEED_BIGRAM = 0x811c9dc5 ^ 2;
const SEED_CHARS = 0x811c9dc5 ^ 3;

// Word characters are \p{L}, \p{N} and the apostrophe; whitespace is JavaScript's \s. Both are
// decided per UTF-16 unit from a table filled on first sight (astral code points per code point).
const WORD_RE = /^[\p{L}\p{N}']$/u;
const SPACE_RE = /^\s$/;
const unitClass = new Uint8Array(65536); // 0 unknown, 1 word, 2 space, 3 other
const astralWord = new Map<number, boolean>();
function classOf(c: number): number {
  let k = unitClass[c] ?? 0;
  if (k === 0) {
    const ch = String.fromCharCode(c);
    k = WORD_RE.test(ch) ? 1 : SPACE_RE.test(ch) ? 2 : 3;
    unitClass[c] = k;
  }
  return k;
}
function isAstralWord(cp: number): boolean {
  let w = astralWord.get(cp);
  if (w === undefined) astralWord.set(cp, (w = WORD_RE.test(String.fromCodePoint(cp))));
  return w;
}

// Scratch: the last five characters of the whitespace-collapsed text, for the character n-grams.
const ring = new Uint16Array(8);

/**
 * Adds one to counts[bucket] per feature occurrence of one lower-cased, normalized text, and
 * pushes each bucket the first time it is seen onto touched (the caller resets those entries).
 * Features: each word (a run of \p{L}\p{N}'), each pair of consecutive words, and the character
 * 3-, 4- and 5-grams of the text with whitespace runs collapsed to one space, all FNV-1a hashes.
 * One pass over the characters, no strings built and no callback per feature: most of the
 * classifier's speed. At most 4,000 characters are read, so a count cannot overflow 16 bits.
 * Same features as countFeaturesReference (the plain regex version, kept for the tests).
 */
export function countFeatures(text: string, counts: Uint16Array, touched: number[]): void {
  const n = Math.min(text.length, MAX_CHARS);
  let k = 0;
  // Word state: FNV of the current word with the unigram seed, with the bigram seed (what the
  // next bigram starts from), and the running bigram hash "previous word + space + current".
  let inWord = false;
  let hasPrev = false;
  let uni = 0;
  let cur2 = 0;
  let prev2 = 0;
  let bi = 0;
  // Character n-grams start at every position of the collapsed text; the grams starting at p
  // are emitted when the character p + 4 arrives (or at the end), extending one FNV state.
  let m = 0; // collapsed characters so far
  let lastSpace = false;
  for (let i = 0; i <= n; i++) {
    let c = 32;
    let cls = 2;
    let astral = false;
    if (i < n) {
      c = text.charCodeAt(i);
      if (c < 128) cls = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39 || (c >= 65 && c <= 90) ? 1 : c === 32 || (c >= 9 && c <= 13) ? 2 : 3;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) { astral = true; cls = isAstralWord(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000) ? 1 : 3; }
        else cls = classOf(c);
      } else cls = classOf(c);
    }
    // Words (an astral code point is two units: both go into the hashes, as in the regex version).
    const units = astral ? 2 : 1;
    if (cls === 1 && i < n) {
      if (!inWord) {
        inWord = true;
        uni = SEED_WORD;
        cur2 = SEED_BIGRAM;
        if (hasPrev) bi = Math.imul(prev2 ^ 32, PRIME);
      }
      for (let u = 0; u < units; u++) {
        const cu = text.charCodeAt(i + u);
        uni = Math.imul(uni ^ cu, PRIME);
        cur2 = Math.imul(cur2 ^ cu, PRIME);
        if (hasPrev) bi = Math.imul(bi ^ cu, PRIME);
      }
    } else if (inWord) {
      inWord = false;
      k = (uni >>> 0) & MASK;
      if ((counts[k] = (counts[k] ?? 0) + 1) === 1) touched.push(k);
      if (hasPrev) {
        k = (bi >>> 0) & MASK;
        if ((counts[k] = (counts[k] ?? 0) + 1) === 1) touched.push(k);
      }
      hasPrev = true;
      prev2 = cur2;
    }
    if (i === n) break;
    // Character n-grams over the collapsed text.
    for (let u = 0; u < units; u++) {
      let cc = text.charCodeAt(i + u);
      if (cls === 2) {
        if (lastSpace) continue;
        lastSpace = true;
        cc = 32;
      } else lastSpace = false;
      ring[m & 7] = cc;
      m++;
      if (m >= 5) {
        k = emitGrams(m - 5, 5, counts, touched);
      }
    }
    if (astral) i++;
  }
  // The grams starting in the last four positions (only the ones that fit).
  for (let p = Math.max(0, m - 4); p + 3 <= m; p++) emitGrams(p, Math.min(5, m - p), counts, touched);
  void k;
}

/** Counts the 3-gram starting at collapsed position p and, if len allows, the 4- and 5-gram. */
function emitGrams(p: number, len: number, counts: Uint16Array, touched: number[]): number {
  let h = SEED_CHARS;
  h = Math.imul(h ^ (ring[p & 7] ?? 0), PRIME);
  h = Math.imul(h ^ (ring[(p + 1) & 7] ?? 0), PRIME);
  h = Math.imul(h ^ (ring[(p + 2) & 7] ?? 0), PRIME);
  let k = (h >>> 0) & MASK;
  if ((counts[k] = (counts[k] ?? 0) + 1) === 1) touched.push(k);
  if (len < 4) return k;
  h = Math.imul(h ^ (ring[(p + 3) & 7] ?? 0), PRIME);
  k = (h >>> 0) & MASK;
  if ((counts[k] = (counts[k] ?? 0) + 1) === 1) touched.push(k);
  if (len < 5) return k;
  h = Math.imul(h ^ (ring[(p + 4) & 7] ?? 0), PRIME);
  k = (h >>> 0) & MASK;
  if ((counts[k] = (counts[k] ?? 0) + 1) === 1) touched.push(k);
  return k;
}

/** The plain version of countFeatures (regexes, strings): slower, same counts. For the tests. */
export function countFeaturesReference(text: string): Map<number, number> {
  const out = new Map<number, number>();
  const bump = (k: number): void => { out.set(k, (out.get(k) ?? 0) + 1); };
  const s = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const words = s.match(/[\p{L}\p{N}']+/gu) ?? [];
  for (let i = 0; i < words.length; i++) {
    bump(hash(words[i] ?? "", 1));
    if (i > 0) bump(hashBigram(words[i - 1] ?? "", words[i] ?? ""));
  }
  const compact = s.replace(/\s+/g, " ");
  for (let i = 0; i + 3 <= compact.length; i++) {
    for (let len = 3; len <= 5 && i + len <= compact.length; len++) bump(hash(compact.slice(i, i + len), 3));
  }
  return out;
}

function hashBigram(a: string, b: string): number {
  let h = 0x811c9dc5 ^ 2;
  for (let i = 0; i < a.length; i++) {
    h ^= a.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= 32;
  h = Math.imul(h, 0x01000193);
  for (let i = 0; i < b.length; i++) {
    h ^= b.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & MASK;
}

/**
 * Long tool results are scored window by window and the highest window counts: an instruction
 * planted in a long document is diluted in a vector of the whole text, and a long benign record
 * (legal boilerplate, registry data) piles up many small weights. Windows of 1,000 characters
 * every 800 over the first 4,000 (at most five, about 4,800 characters read). Text up to 1,000
 * characters is one window.
 */
export const WINDOW = 1000;
const WINDOW_STEP = 800;
export function windowStarts(length: number): number[] {
  const n = Math.min(length, MAX_CHARS);
  if (n <= WINDOW) return [0];
  const starts: number[] = [];
  for (let s = 0; ; s += WINDOW_STEP) {
    starts.push(s);
    if (s + WINDOW >= n) break;
  }
  return starts;
}

/** 1 + ln(count), the feature value of a bucket seen count times (a table for small counts). */
const LOG_VALUE = Float64Array.from({ length: 256 }, (_, c) => (c === 0 ? 0 : 1 + Math.log(c)));
export function countValue(c: number): number {
  return c < 256 ? (LOG_VALUE[c] ?? 0) : 1 + Math.log(c);
}

/** Bucket → count, for one lower-cased, normalized text (training and tests; allocates). */
export function featurize(text: string): Map<number, number> {
  const counts = new Uint16Array(1 << FEATURE_BITS);
  const touched: number[] = [];
  countFeatures(text, counts, touched);
  return new Map(touched.map((k) => [k, counts[k] ?? 0]));
}

/**
 * The concept signals of signals.ts (secret asked of the assistant, authority claim, ...) enter the
 * model as extra features with a fixed value, added after the n-gram vector is normalized, so a
 * signal weighs the same in a one-line prompt and in a long one. Their buckets share the table.
 */
export const SIGNAL_VALUE = 0.5;
const SIGNAL_BUCKETS: number[] = Array.from({ length: 16 }, (_, bit) => hash(`<signal:${bit}>`, 9));

/** Calls add(bucket, value) once per signal bit set in mask. */
export function forEachSignalFeature(mask: number, add: (bucket: number, value: number) => void): void {
  for (let bit = 0; mask >> bit !== 0 && bit < SIGNAL_BUCKETS.length; bit++) {
    if ((mask >> bit) & 1) add(SIGNAL_BUCKETS[bit] ?? 0, SIGNAL_VALUE);
  }
}

/** Log-scaled, L2-normalized feature vector (sparse). */
export function vectorize(text: string, signals = 0): Array<[number, number]> {
  const counts = featurize(text);
  const entries: Array<[number, number]> = [];
  let norm = 0;
  for (const [k, c] of counts) {
    const v = countValue(c);
    entries.push([k, v]);
    norm += v * v;
  }
  const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (const e of entries) e[1] *= inv;
  forEachSignalFeature(signals, (k, v) => entries.push([k, v]));
  return entries;
}
