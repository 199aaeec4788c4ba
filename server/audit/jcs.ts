/**
 * RFC 8785 JSON Canonicalization Scheme (JCS) for plain JSON values.
 *
 * JCS is defined in terms of ECMAScript: strings serialize as JSON.stringify does,
 * numbers as Number.prototype.toString, and object members are sorted by their
 * UTF-16 code units (JavaScript's default string order). Audit bodies only carry
 * safe integers, which keeps independent verifiers in other languages simple.
 */

/** Returns the canonical JSON text. Throws on values JSON cannot represent. */
export function canonicalize(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      // NaN/Infinity have no JSON form; silently writing null would change the signed bytes' meaning.
      if (!Number.isFinite(value)) throw new TypeError("JCS: non-finite number");
      return JSON.stringify(value);
    case "string":
      if (hasLoneSurrogate(value)) throw new TypeError("JCS: lone surrogate in string (not I-JSON)");
      return JSON.stringify(value);
    case "object":
      return Array.isArray(value) ? canonicalArray(value) : canonicalObject(value as Record<string, unknown>);
    default:
      throw new TypeError(`JCS: unsupported type ${typeof value}`);
  }
}

/** canonicalize() encoded as the UTF-8 bytes that get hashed. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalize(value), "utf8");
}

function canonicalArray(items: unknown[]): string {
  let out = "[";
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += ",";
    // A hole or undefined inside an array has no JSON form (JSON.stringify would write null).
    if (items[i] === undefined) throw new TypeError("JCS: undefined array element");
    out += canonicalize(items[i]);
  }
  return out + "]";
}

function canonicalObject(obj: Record<string, unknown>): string {
  const proto: unknown = Object.getPrototypeOf(obj);
  if (proto !== Object.prototype && proto !== null) throw new TypeError("JCS: only plain objects");
  const keys = Object.keys(obj).sort();
  let out = "{";
  let first = true;
  for (const key of keys) {
    const member = obj[key];
    // Absent and undefined are the same after a JSON round trip, so undefined members are dropped.
    if (member === undefined) continue;
    if (hasLoneSurrogate(key)) throw new TypeError("JCS: lone surrogate in key (not I-JSON)");
    out += (first ? "" : ",") + JSON.stringify(key) + ":" + canonicalize(member);
    first = false;
  }
  return out + "}";
}

const SURROGATE_RE = /[\ud800-\udfff]/;

// The native regex pre-check keeps the common (surrogate-free) case off the JS loop.
function hasLoneSurrogate(s: string): boolean {
  if (!SURROGATE_RE.test(s)) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c >= 0xdc00) return true;
    const next = s.charCodeAt(i + 1);
    if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
    i++;
  }
  return false;
}
