// Rego's equality and ordering of JSON values, for the compiled rule matcher (match-rules.ts) to
// compare body fields exactly as policies/aegis/rules.rego does: numbers by value, arrays in
// order, objects by key set, and across types the fixed order null < boolean < number < string <
// array < object. Inputs are JSON data (what crosses into wasm), never functions or undefined.

const TYPE_ORDER = { null: 0, boolean: 1, number: 2, string: 3, array: 4, object: 5 } as const;

function typeRank(v: unknown): number {
  if (v === null) return TYPE_ORDER.null;
  if (Array.isArray(v)) return TYPE_ORDER.array;
  switch (typeof v) {
    case "boolean":
      return TYPE_ORDER.boolean;
    case "number":
      return TYPE_ORDER.number;
    case "string":
      return TYPE_ORDER.string;
    default:
      return TYPE_ORDER.object;
  }
}

export function regoEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!regoEqual(a[i], b[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = Object.keys(ao);
  if (keys.length !== Object.keys(bo).length) return false;
  for (const k of keys) {
    if (!Object.prototype.hasOwnProperty.call(bo, k) || !regoEqual(ao[k], bo[k])) return false;
  }
  return true;
}

/**
 * Sign of Rego's comparison of a number with any JSON value. The matcher only orders numeric
 * fields (gt/gte/lt/lte require is_number on the field); the schema makes the bound a number too,
 * but an unvalidated bound still orders the way OPA would.
 */
export function compareNumberWith(a: number, b: unknown): number {
  if (typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  return TYPE_ORDER.number - typeRank(b);
}
