import { describe, expect, it } from "vitest";
import { WAF_FAMILIES, isTimestampShape, wafMayMatch } from "./gates";
import { LazyValue, type ValueKind } from "./normalize/values";
import { normalizeValue } from "./normalize/decode";
import { categories, ids, inJson, inQuery } from "./test-helpers";

/** Deterministic generator so a failure names a reproducible value. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WAF_RULES = WAF_FAMILIES.flatMap((f) => f.rules);
const KINDS: ValueKind[] = ["param", "key", "path", "body"];

function timestamp(next: () => number): string {
  const d = (n: number) => Array.from({ length: n }, () => String(Math.floor(next() * 10))).join("");
  let s = `${d(4)}-${d(2)}-${d(2)}`;
  if (next() < 0.9) {
    s += [" ", "t", "T"][Math.floor(next() * 3)] + `${d(2)}:${d(2)}`;
    if (next() < 0.8) {
      s += `:${d(2)}`;
      if (next() < 0.4) s += `.${d(1 + Math.floor(next() * 9))}`;
    }
    const zone = next();
    if (zone < 0.3) s += next() < 0.5 ? "Z" : "z";
    else if (zone < 0.7) s += `${next() < 0.5 ? "+" : "-"}${d(2)}${next() < 0.8 ? `${next() < 0.5 ? ":" : ""}${d(2)}` : ""}`;
  }
  return s;
}

describe("timestamp shape skips no WAF rule", () => {
  it("no WAF rule matches a generated ISO timestamp, whatever its digits", () => {
    const next = rng(3);
    let checked = 0;
    for (let i = 0; i < 6000; i++) {
      const raw = timestamp(next);
      expect(isTimestampShape(raw), raw).toBe(true);
      for (const kind of KINDS) {
        const v = new LazyValue(`x.${kind}`, kind, raw, normalizeValue);
        for (const r of WAF_RULES) {
          if (!r.kinds.has(kind)) continue;
          checked++;
          if (r.test(v)) throw new Error(`${r.rule_id} matches timestamp ${raw} (${kind}): the shape skip would hide it`);
        }
      }
    }
    expect(checked).toBeGreaterThan(1_000_000);
  });

  it("timestamps with anything appended or encoded are not the shape and are still inspected", () => {
    for (const raw of ["2024-04-13T03:15:00Z' or 1=1--", "2024-04-13;cat /etc/passwd", "2024-04-13T03:15:00Z<script>", "2024%2d04%2d13", "2024-04-13T03:15:00\u0000", "２０２４-04-13"]) {
      expect(isTimestampShape(raw), raw).toBe(false);
    }
    expect(categories(inQuery("2024-04-13T03:15:00Z' or 1=1--"))).toContain("sqli");
    expect(ids(inJson({ at: "2024-04-13T03:15:00Z; cat /etc/passwd" }))).toContain("rce-chained-command");
  });

  it("a timestamp value has no WAF work left", () => {
    const v = new LazyValue("body.at", "body", "2024-04-13T03:15:00.123+02:00", normalizeValue);
    expect(wafMayMatch(v)).toBe(false);
    // Headers keep their gates (the upload family reads dotted header values).
    expect(wafMayMatch(new LazyValue("header.x", "header", "2024-04-13T03:15:00.123Z", normalizeValue))).toBe(true);
  });
});
