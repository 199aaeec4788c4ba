/**
 * Confusable characters that NFKC leaves alone (Cyrillic, Greek, a few symbols) folded to the
 * ASCII letter they imitate, so "ѕеlеct" and "ignоre" read like "select" and "ignore".
 * Only letters that look identical in common fonts are listed; a wider table folds real
 * Russian or Greek words into gibberish that can accidentally spell keywords.
 */
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ["а", "a"], ["в", "b"], ["е", "e"], ["ё", "e"], ["к", "k"], ["м", "m"], ["н", "h"], ["о", "o"],
  ["р", "p"], ["с", "c"], ["т", "t"], ["у", "y"], ["х", "x"], ["ѕ", "s"], ["і", "i"], ["ј", "j"],
  ["ԁ", "d"], ["ɡ", "g"], ["һ", "h"], ["ԛ", "q"], ["ԝ", "w"], ["ᴠ", "v"],
  ["А", "a"], ["В", "b"], ["Е", "e"], ["К", "k"], ["М", "m"], ["Н", "h"], ["О", "o"], ["Р", "p"],
  ["С", "c"], ["Т", "t"], ["Х", "x"], ["Ѕ", "s"], ["І", "i"], ["Ј", "j"],
  ["α", "a"], ["ο", "o"], ["ρ", "p"], ["τ", "t"], ["υ", "u"], ["ν", "v"], ["ι", "i"], ["κ", "k"],
  ["Α", "a"], ["Β", "b"], ["Ε", "e"], ["Ζ", "z"], ["Η", "h"], ["Ι", "i"], ["Κ", "k"], ["Μ", "m"],
  ["Ν", "n"], ["Ο", "o"], ["Ρ", "p"], ["Τ", "t"], ["Υ", "y"], ["Χ", "x"],
  ["ı", "i"], ["ℓ", "l"], ["‐", "-"], ["‑", "-"], ["‒", "-"], ["–", "-"], ["—", "-"], ["−", "-"],
  ["‘", "'"], ["’", "'"], ["ʼ", "'"], ["′", "'"], ["“", '"'], ["”", '"'], ["″", '"'],
  ["∕", "/"], ["⁄", "/"], ["∖", "\\"], ["\uefc8", "/"], ["\uf025", "/"], ["․", "."], ["‥", ".."],
  ["‹", "<"], ["›", ">"], ["˂", "<"], ["˃", ">"], ["ᐸ", "<"], ["ᐳ", ">"],
];

const TABLE = new Map<string, string>(PAIRS);
const CONFUSABLE = new RegExp(`[${PAIRS.map(([from]) => from).join("")}]`, "g");

export function foldHomoglyphs(s: string): string {
  return s.replace(CONFUSABLE, (c) => TABLE.get(c) ?? c);
}

/**
 * Only a Latin letter sandwiched by confusables is folded, so genuine Cyrillic prose survives.
 * Only words (letter runs) are folded, so the test is for confusables that are letters: dashes
 * and curly quotes, common in ordinary prose, cannot change a word and do not start the fold.
 */
const LETTER_CONFUSABLES = PAIRS.map(([from]) => from).filter((c) => /^\p{L}$/u.test(c));
const HAS_LETTER_CONFUSABLE = new RegExp(`[${LETTER_CONFUSABLES.join("")}]`);

export function foldMixedScriptWords(s: string): string {
  if (!HAS_LETTER_CONFUSABLE.test(s)) return s;
  return s.replace(/[\p{L}]+/gu, (word) => (/[a-z]/i.test(word) ? foldHomoglyphs(word) : word));
}
