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

/** Bucket → count, for one lower-cased, normalized text. */
export function featurize(text: string): Map<number, number> {
  const s = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const out = new Map<number, number>();
  const add = (key: string, seed: number): void => {
    const k = hash(key, seed);
    out.set(k, (out.get(k) ?? 0) + 1);
  };
  const words = s.match(/[\p{L}\p{N}']+/gu) ?? [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? "";
    add(w, 1);
    if (i > 0) add(`${words[i - 1] ?? ""} ${w}`, 2);
  }
  const compact = s.replace(/\s+/g, " ");
  for (let i = 0; i + 3 <= compact.length; i++) add(compact.slice(i, i + 3), 3);
  return out;
}

/** Log-scaled, L2-normalized feature vector (sparse). */
export function vectorize(text: string): Array<[number, number]> {
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
  return entries;
}
