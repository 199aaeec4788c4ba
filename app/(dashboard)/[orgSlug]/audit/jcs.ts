// RFC 8785 (JCS) for the browser: a port of server/audit/jcs.ts without Node's
// Buffer, so the dashboard can re-derive event hashes itself. Output must be
// byte-identical to the server's; server/audit-explorer/browser-jcs.test.ts
// proves it on real events and edge cases. Audit bodies only carry strings,
// safe integers, booleans, null, arrays and plain objects (docs/audit-format.md §3).

export function canonicalize(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
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

function canonicalArray(items: unknown[]): string {
  const parts: string[] = [];
  for (let i = 0; i < items.length; i++) {
    if (items[i] === undefined) throw new TypeError("JCS: undefined array element");
    parts.push(canonicalize(items[i]));
  }
  return `[${parts.join(",")}]`;
}

function canonicalObject(obj: Record<string, unknown>): string {
  const proto: unknown = Object.getPrototypeOf(obj);
  if (proto !== Object.prototype && proto !== null) throw new TypeError("JCS: only plain objects");
  const parts: string[] = [];
  // Default sort compares UTF-16 code units, which is what JCS requires.
  for (const key of Object.keys(obj).sort()) {
    const member = obj[key];
    if (member === undefined) continue;
    if (hasLoneSurrogate(key)) throw new TypeError("JCS: lone surrogate in key (not I-JSON)");
    parts.push(`${JSON.stringify(key)}:${canonicalize(member)}`);
  }
  return `{${parts.join(",")}}`;
}

function hasLoneSurrogate(s: string): boolean {
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
