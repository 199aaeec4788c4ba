import { foldHomoglyphs, foldMixedScriptWords } from "./homoglyphs";

/**
 * Decoding steps every detector relies on. Attackers stack encodings (double URL-encoding,
 * entities inside URL-encoding, fullwidth letters) precisely because a filter decodes once.
 */
const MAX_URL_ROUNDS = 3;

function decodePercentLoose(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    // Malformed sequences (lone %, invalid UTF-8) still hide payloads; decode byte-wise.
    return s
      .replace(/%u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
      .replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
}

/**
 * Overlong UTF-8 (%c0%ae for '.', %e0%80%af for '/') is invalid UTF-8 that old decoders and some
 * proxies still accept; decode it to the character it spells so traversal rules see the dots.
 */
const OVERLONG = /%(?:(c[01])%([0-9a-f]{2})|(e0)%80%([0-9a-f]{2})|(f0)%80%80%([0-9a-f]{2})|(f8)%80%80%80%([0-9a-f]{2})|(fc)%80%80%80%80%([0-9a-f]{2}))/gi;

function decodeOverlong(s: string): string {
  return s.replace(OVERLONG, (whole: string, ...groups: Array<string | undefined>) => {
    const lead = groups[0];
    const tail = groups.slice(1, 10).filter((g): g is string => typeof g === "string" && /^[0-9a-f]{2}$/i.test(g)).pop();
    if (tail === undefined) return whole;
    const low = parseInt(tail, 16) & 0x3f;
    const code = lead !== undefined && /^c[01]$/i.test(lead) ? ((parseInt(lead, 16) & 0x1f) << 6) | low : low;
    return code < 0x80 && code >= 0x20 ? String.fromCharCode(code) : whole;
  });
}

// A '%' that starts no escape ("50% off") has nothing to decode; skipping it also avoids the
// URIError that decodeURIComponent throws on it, which is slow.
const PERCENT_ESCAPE = /%(?:[0-9a-f]{2}|u[0-9a-f]{4})/i;

export function urlDecodeRepeated(s: string): string {
  let current = s;
  for (let round = 0; round < MAX_URL_ROUNDS && current.includes("%") && PERCENT_ESCAPE.test(current); round++) {
    const next = decodePercentLoose(decodeOverlong(current).replace(/%u([0-9a-f]{4})/gi, "\\u$1"));
    if (next === current) break;
    current = next;
  }
  return current;
}

const NAMED_ENTITIES: Record<string, string> = {
  lt: "<", gt: ">", amp: "&", quot: '"', apos: "'", nbsp: " ", colon: ":", tab: "\t",
  newline: "\n", lpar: "(", rpar: ")", sol: "/", bsol: "\\", equals: "=", semi: ";",
  comma: ",", period: ".", excl: "!", num: "#", percnt: "%", grave: "`", lsqb: "[", rsqb: "]",
  lbrace: "{", rbrace: "}", verbar: "|", plus: "+",
};

export function decodeHtmlEntities(s: string): string {
  if (!s.includes("&")) return s;
  // Browsers accept numeric entities without the trailing ';' and with leading zeros.
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, body: string) => {
    if (body[0] === "#") {
      const isHex = body[1] === "x" || body[1] === "X";
      const code = parseInt(body.slice(isHex ? 2 : 1), isHex ? 16 : 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

export function decodeJsEscapes(s: string): string {
  if (!s.includes("\\")) return s;
  return s
    .replace(/\\u\{?([0-9a-f]{4})\}?/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\x([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    // Literal "\n" in a form field is how payload lists smuggle a newline (a shell separator).
    .replace(/\\[nr](?=[a-z;|&$`\\]|$)/g, "\n");
}

const QUOTE_LIKE = /[\u00b4\u02b9\u02bc\u02c8\u2018\u2019\u201b\u2032\uff07]/g;
const INVISIBLE = /[\u0000\u00ad\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff]/g;
const ODD_SPACE = /[\t\v\f\r\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
// Printable ASCII with nothing to decode (no %, &, \, +): lower-casing is the whole normal form.
const NOTHING_TO_DECODE = /^[\x20-\x24\x27-\x5b\x5d-\x7e]*$/;
/**
 * ASCII plus the Latin-1 letters À–ÿ (U+00C0–U+00FF: "Müller", "São Paulo", "l'Église"): NFKC,
 * quote, homoglyph and invisible-character folding leave such text unchanged (each of these
 * letters is its own NFKC form, none is a confusable, quote look-alike, invisible or odd space;
 * decode.test.ts checks every such character and pair against the full path), so lower-casing
 * and the ASCII clean-up are the whole normal form.
 */
const ASCII_ONLY = /^[\x00-\x7f\u00c0-\u00ff]*$/;

/**
 * The one normal form detectors match on: URL-decoded (repeatedly), entity- and escape-decoded,
 * NFKC, homoglyph-folded, invisible characters removed, odd spaces made plain, lower-case.
 * Newlines survive because shell and header-injection rules need them.
 */
export function normalizeValue(raw: string): string {
  if (NOTHING_TO_DECODE.test(raw)) return raw.toLowerCase();
  let s = urlDecodeRepeated(raw);
  s = decodeHtmlEntities(s);
  s = decodeJsEscapes(s);
  if (s.includes("%")) s = urlDecodeRepeated(s);
  // ASCII (or Latin-1 letters) after decoding: NFKC, homoglyph and invisible-character folding cannot change it.
  if (ASCII_ONLY.test(s)) return foldAscii(s);
  return foldUnicode(s);
}

/** The normal form's last steps for text ASCII_ONLY accepts. */
export function foldAscii(s: string): string {
  return s.replace(ODD_SPACE, " ").replace(/\0/g, "").toLowerCase();
}

/** The normal form's last steps for any decoded value (ASCII_ONLY text gives what foldAscii gives). */
export function foldUnicode(decoded: string): string {
  // Quote look-alikes are folded before NFKC, which would turn the acute accent into a space.
  let s = decoded.replace(QUOTE_LIKE, "'").normalize("NFKC");
  s = foldHomoglyphs(s);
  s = s.replace(INVISIBLE, "").replace(ODD_SPACE, " ");
  return s.toLowerCase();
}

/** The prose normal form's last steps for any entity-decoded text. */
export function foldUnicodeProse(decoded: string): string {
  const s = foldMixedScriptWords(decoded.normalize("NFKC"));
  return s.replace(INVISIBLE, "").replace(ODD_SPACE, " ").toLowerCase();
}

/** Whether the fast path (foldAscii) applies (exported for the equivalence tests). */
export function isAsciiLike(s: string): boolean {
  return ASCII_ONLY.test(s);
}

/** For natural-language text: no URL decoding (a '%' in prose is a percent sign). */
export function normalizeProse(raw: string): string {
  if (NOTHING_TO_DECODE.test(raw)) return raw.toLowerCase();
  const decoded = decodeHtmlEntities(raw);
  if (ASCII_ONLY.test(decoded)) return foldAscii(decoded);
  return foldUnicodeProse(decoded);
}
