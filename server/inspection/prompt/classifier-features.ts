/**
 * Feature hashing shared by the training script (bench/detection/train-prompt-classifier.ts) and
 * run-time inference: word unigrams and bigrams plus character trigrams (which carry languages
 * without spaces and inflected forms), hashed into a fixed number of buckets.
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

/**
 * Bucket → count, for one lower-cased, normalized text. Bigrams and trigrams are hashed straight
 * from the characters (the same FNV-1a over "w1 w2" and over each 3-character window) instead of
 * building the strings first: same buckets, far fewer allocations.
 */
export function featurize(text: string): Map<number, number> {
  const out = new Map<number, number>();
  forEachFeature(text, (k) => out.set(k, (out.get(k) ?? 0) + 1));
  return out;
}

/** Calls bump(bucket) once per feature occurrence, in a fixed order. */
export function forEachFeature(text: string, bump: (bucket: number) => void): void {
  const s = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const words = s.match(/[\p{L}\p{N}']+/gu) ?? [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? "";
    bump(hash(w, 1));
    if (i > 0) bump(hashBigram(words[i - 1] ?? "", w));
  }
  const compact = s.replace(/\s+/g, " ");
  for (let i = 0; i + 3 <= compact.length; i++) {
    let h = 0x811c9dc5 ^ 3;
    h ^= compact.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
    h ^= compact.charCodeAt(i + 1);
    h = Math.imul(h, 0x01000193);
    h ^= compact.charCodeAt(i + 2);
    h = Math.imul(h, 0x01000193);
    bump((h >>> 0) & MASK);
  }
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
    const v = 1 + Math.log(c);
    entries.push([k, v]);
    norm += v * v;
  }
  const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (const e of entries) e[1] *= inv;
  forEachSignalFeature(signals, (k, v) => entries.push([k, v]));
  return entries;
}
