// IP literal parsers used by the SSRF guard. Deliberately lenient about IPv4 spellings:
// an attacker will use whatever spelling a resolver accepts, so the guard must accept it too.
import { isIPv6 } from "node:net";

/**
 * inet_aton-style IPv4: 1 to 4 parts, each decimal, octal (leading 0) or hex (0x); the last part
 * fills the remaining bytes (127.1 = 127.0.0.1, 2130706433 = 127.0.0.1). Returns the 32-bit
 * value or null when the string is not an IPv4 literal.
 */
export function parseIPv4(input: string): number | null {
  const s = input.endsWith(".") ? input.slice(0, -1) : input;
  const parts = s.split(".");
  if (parts.length < 1 || parts.length > 4) return null;
  const values: number[] = [];
  for (const part of parts) {
    let v: number;
    if (/^0x[0-9a-f]*$/i.test(part)) v = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
    else if (/^0[0-7]+$/.test(part)) v = parseInt(part.slice(1), 8);
    else if (/^(0|[1-9][0-9]*)$/.test(part)) v = parseInt(part, 10);
    else return null;
    if (!Number.isSafeInteger(v)) return null;
    values.push(v);
  }
  const last = values.pop() ?? 0;
  if (values.some((v) => v > 255)) return null;
  const lastBytes = 4 - values.length;
  if (last >= 2 ** (8 * lastBytes)) return null;
  let n = 0;
  for (const v of values) n = n * 256 + v;
  return n * 2 ** (8 * lastBytes) + last;
}

/** Standard IPv6 (with optional zone id and embedded dotted IPv4) to 16 bytes, or null. */
export function parseIPv6(input: string): Uint8Array | null {
  let s = input.split("%")[0] ?? "";
  if (!isIPv6(s)) return null;
  const lastColon = s.lastIndexOf(":");
  const lastPart = s.slice(lastColon + 1);
  if (lastPart.includes(".")) {
    // Rewrite the embedded dotted quad as two hex words so one word parser handles the rest.
    const n = parseIPv4(lastPart) ?? 0;
    s = `${s.slice(0, lastColon + 1)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const toWords = (x: string) => (x === "" ? [] : x.split(":").map((w) => parseInt(w, 16)));
  const halves = s.split("::");
  let words: number[];
  if (halves.length === 2) {
    const left = toWords(halves[0] ?? "");
    const right = toWords(halves[1] ?? "");
    words = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  } else {
    words = toWords(s);
  }
  if (words.length !== 8) return null;
  const bytes = new Uint8Array(16);
  words.forEach((w, i) => {
    bytes[i * 2] = w >> 8;
    bytes[i * 2 + 1] = w & 255;
  });
  return bytes;
}
