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

export function urlDecodeRepeated(s: string): string {
  let current = s;
  for (let round = 0; round < MAX_URL_ROUNDS && current.includes("%"); round++) {
    const next = decodePercentLoose(current.replace(/%u([0-9a-f]{4})/gi, "\\u$1"));
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
    .replace(/\\x([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const INVISIBLE = /[\u0000\u00ad\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff]/g;
const ODD_SPACE = /[\t\v\f\r\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
const SIMPLE = /^[\w .,:@/+-]*$/;

/**
 * The one normal form detectors match on: URL-decoded (repeatedly), entity- and escape-decoded,
 * NFKC, homoglyph-folded, invisible characters removed, odd spaces made plain, lower-case.
 * Newlines survive because shell and header-injection rules need them.
 */
export function normalizeValue(raw: string): string {
  if (SIMPLE.test(raw)) return raw.toLowerCase();
  let s = urlDecodeRepeated(raw);
  s = decodeHtmlEntities(s);
  s = decodeJsEscapes(s);
  if (s.includes("%")) s = urlDecodeRepeated(s);
  s = s.normalize("NFKC");
  s = foldHomoglyphs(s);
  s = s.replace(INVISIBLE, "").replace(ODD_SPACE, " ");
  return s.toLowerCase();
}

/** For natural-language text: no URL decoding (a '%' in prose is a percent sign). */
export function normalizeProse(raw: string): string {
  const s = foldMixedScriptWords(decodeHtmlEntities(raw).normalize("NFKC"));
  return s.replace(INVISIBLE, "").replace(ODD_SPACE, " ").toLowerCase();
}
