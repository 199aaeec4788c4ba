/** Checksums and structure rules that turn digit-shaped matches into real identifiers. */

export function digitsOf(s: string): string {
  return s.replace(/\D/g, "");
}

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Issuer (IIN) ranges with their valid lengths; a Luhn-valid number outside them is not a card. */
export function cardBrand(digits: string): string | null {
  const len = digits.length;
  const p2 = Number(digits.slice(0, 2));
  const p3 = Number(digits.slice(0, 3));
  const p4 = Number(digits.slice(0, 4));
  const p6 = Number(digits.slice(0, 6));
  if (digits[0] === "4" && (len === 13 || len === 16 || len === 19)) return "visa";
  if (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && len === 16) return "mastercard";
  if ((p2 === 34 || p2 === 37) && len === 15) return "amex";
  if ((p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) && len >= 16 && len <= 19) return "discover";
  if (p4 >= 3528 && p4 <= 3589 && len >= 16 && len <= 19) return "jcb";
  if (((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39) && len >= 14 && len <= 19) return "diners";
  if (p2 === 62 && len >= 16 && len <= 19) return "unionpay";
  if ((p2 === 50 || (p2 >= 56 && p2 <= 69)) && len >= 12 && len <= 19) return "maestro";
  return null;
}

export function isCardNumber(match: string): boolean {
  const digits = digitsOf(match);
  if (digits.length < 12 || digits.length > 19 || /^(\d)\1+$/.test(digits)) return false;
  // Mixed separators ("4111 1111-1111 1111") are how numbers in prose collide; cards use one kind.
  if (/ /.test(match) && /-/.test(match)) return false;
  return cardBrand(digits) !== null && passesLuhn(digits);
}

/** SSA rules: area 000, 666 and 900–999, group 00 and serial 0000 are never issued. */
export function isValidSsn(match: string): boolean {
  const d = digitsOf(match);
  if (d.length !== 9) return false;
  const area = Number(d.slice(0, 3));
  return area !== 0 && area !== 666 && area < 900 && d.slice(3, 5) !== "00" && d.slice(5) !== "0000";
}

export function isValidIban(match: string): boolean {
  const compact = match.replace(/\s/g, "").toUpperCase();
  if (compact.length < 15 || compact.length > 34 || !/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const chunk = code >= 65 ? String(code - 55) : ch;
    for (const d of chunk) remainder = (remainder * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

export function isPersonalIpv4(match: string): boolean {
  const [a = 0, b = 0] = match.split(".").map(Number);
  // Loopback, private and link-local addresses locate a machine on someone's network, not a person.
  if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
  if ((a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)) return false;
  return true;
}

export function isIpv6(match: string): boolean {
  const doubleColons = match.split("::").length - 1;
  if (doubleColons > 1) return false;
  const groups = match.split(":").filter((g) => g.length > 0);
  if (groups.length > 8 || groups.some((g) => g.length > 4)) return false;
  if (doubleColons === 0 && groups.length !== 8) return false;
  if (/^::1?$/.test(match) || /^fe80:/i.test(match)) return false;
  return groups.length >= 2 && /[a-f]/i.test(match) || doubleColons === 1 && groups.length >= 2;
}

export function isPlausiblePhone(match: string): boolean {
  const digits = digitsOf(match);
  return digits.length >= 10 && digits.length <= 15 && !/^(\d)\1+$/.test(digits);
}
