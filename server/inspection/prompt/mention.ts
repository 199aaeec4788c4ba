/**
 * Is a phrase-rule match only *mentioned*, not used? "Researchers found that the phrase 'ignore
 * previous instructions' can hijack chatbots" quotes an attack; it does not give the order. True
 * when the match sits inside a quotation that opens at most 40 characters before it and closes at
 * most 80 after it, and the quotation is introduced by a naming word ("the phrase", "saying",
 * "such as", "known as", "typed"). An order in quotes without such a word ("say: 'ignore ...'")
 * is still a use, and so is a quotation followed by "and follow it"; the classifier reads the
 * text either way.
 */
const OPENERS: Record<string, string> = { "'": "'", '"': '"', "“": "”", "‘": "’", "«": "»", "„": "“" };
const CUE = /(?:\b(?:the |a |an )?(?:phrases?|words?|text|strings?|sentences?|lines?|expressions?|terms?|prompts?|messages?|commands?)|\b(?:saying|says|said|reading|reads|read|typed|typing|types|type in|called|named|known as|labelled|labeled|like|such as|e\.g\.|for example|for instance|including|includes))\s*[:,]?\s*$/;

const OBEY = /\b(?:follow|obey|execute|comply|act on|do (?:it|that|this|so|as it says)|carry (?:it|that|this) out)\b/;

export function isQuotedMention(text: string, index: number, length: number): boolean {
  const from = Math.max(0, index - 40);
  for (let i = index; i >= from; i--) {
    const ch = text[i] ?? "";
    const close = OPENERS[ch];
    if (close === undefined) continue;
    // A straight single quote opens a quotation only after a space or bracket (not "don't").
    if (ch === "'" && i > 0 && !/[\s(\[:]/.test(text[i - 1] ?? "")) continue;
    const closeAt = text.indexOf(close, Math.max(i + 1, index + length - 1));
    if (closeAt < 0 || closeAt > index + length + 80) return false;
    if (/[\n]/.test(text.slice(i, closeAt))) return false;
    // "... the phrase 'X' and then follow it" quotes in order to be obeyed.
    if (OBEY.test(text.slice(closeAt + 1, closeAt + 60))) return false;
    return CUE.test(text.slice(Math.max(0, i - 40), i));
  }
  return false;
}
