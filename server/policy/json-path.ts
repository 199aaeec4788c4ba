// A deliberately small JSON path: `$`, `.key`, `[index]`, `["any key"]`. No wildcards or filters:
// each rule condition names exactly one value, so the engine can resolve it in TypeScript before
// the wasm call and ship only that value instead of the whole body.

export type JsonPathSegment = string | number;

const SEGMENT = /^(?:\.([A-Za-z_$][\w$-]*)|\[(\d{1,6})\]|\["((?:[^"\\]|\\.)*)"\])/;

/** Returns the segments, or null when the path is not in the supported syntax. */
export function parseJsonPath(path: string): JsonPathSegment[] | null {
  if (!path.startsWith("$")) return null;
  const segments: JsonPathSegment[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const m = SEGMENT.exec(rest);
    if (!m) return null;
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(Number(m[2]));
    else segments.push(JSON.parse(`"${m[3] ?? ""}"`) as string);
    rest = rest.slice(m[0].length);
  }
  return segments.length > 32 ? null : segments;
}

/** The value at the path, or undefined when any step is missing. */
export function readJsonPath(root: unknown, segments: readonly JsonPathSegment[]): unknown {
  let current: unknown = root;
  for (const segment of segments) {
    if (typeof segment === "number") {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (current === null || typeof current !== "object" || Array.isArray(current)) return undefined;
      if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}
