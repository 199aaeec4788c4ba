// compileGlob must agree with OPA's glob.match (run in the platform wasm) wherever it accepts a
// pattern, and must hand back (null) what it does not translate.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { GLOB_ENTRYPOINT } from "./engine";
import { createRng } from "./generate-cases";
import { compileGlob } from "./glob";
import { instantiate, type WasmPolicy } from "./wasm-host";

let wasm: WasmPolicy;
let opaMatch: (pattern: string, delimiter: string, value: string) => boolean;
beforeAll(() => {
  wasm = instantiate(new WebAssembly.Module(readFileSync(path.resolve("policies/build/policy.wasm"))));
  const entrypoint = wasm.entrypoints[GLOB_ENTRYPOINT] as number;
  opaMatch = (pattern, delimiter, value) => wasm.evaluate({ pattern, delimiter, value }, entrypoint) === true;
});

describe("compileGlob", () => {
  it("translates the docs' examples and agrees with OPA on them", () => {
    const cases: [string, string, string, boolean][] = [
      ["/v1/*/refunds", "/", "/v1/ch_1/refunds", true],
      ["/v1/*/refunds", "/", "/v1/a/b/refunds", false],
      ["/admin/{users,roles}", "/", "/admin/roles", true],
      ["/admin/{users,roles}", "/", "/admin/groups", false],
      ["buckets/prod-*/**", "/", "buckets/prod-eu/a/b", true],
      ["aws.s3.{get,put}*", ".", "aws.s3.getObject", true],
      ["a?c", ".", "a.c", false],
      ["**", "/", "line\nbreak", false],
    ];
    for (const [pattern, d, value, want] of cases) {
      const compiled = compileGlob(pattern, d);
      expect(compiled, pattern).not.toBeNull();
      expect(compiled?.(value), `${pattern} ~ ${value}`).toBe(want);
      expect(opaMatch(pattern, d, value), `opa: ${pattern} ~ ${value}`).toBe(want);
    }
  });

  it("leaves classes, escapes, nested or empty alternatives and RE2 syntax to OPA", () => {
    for (const p of ["/files/[a-c]*", "a\\*b", "{a,{b,c}}", "{a,}", "{}", "{a", "/a(b)", "a$"]) expect(compileGlob(p, "/"), p).toBeNull();
  });

  it("agrees with OPA on 3,000 random patterns x 20 values", () => {
    const rng = createRng(7);
    const patternParts = ["a", "b", "/", ".", "-", "é", "*", "**", "?", "{", "}", ",", "(", "[", "]", "\\", "$", "+", "|", " "];
    const valueParts = ["a", "b", "/", ".", "-", "é", "ab", "+", "|", "\n", " ", ","];
    let compared = 0;
    let matched = 0;
    for (let n = 0; n < 3000; n++) {
      let pattern = "";
      for (let k = 1 + Math.floor(rng.next() * 7); k > 0; k--) pattern += rng.pick(patternParts);
      const d = rng.pick(["/", "."]);
      const compiled = compileGlob(pattern, d);
      if (!compiled) continue;
      for (let v = 0; v < 20; v++) {
        let value = "";
        for (let k = Math.floor(rng.next() * 6); k > 0; k--) value += rng.pick(valueParts);
        const want = opaMatch(pattern, d, value);
        if (compiled(value) !== want) expect({ pattern, d, value, got: !want }).toEqual({ pattern, d, value, got: want });
        compared++;
        if (want) matched++;
      }
    }
    // Enough accepted patterns and enough matches for the comparison to mean something.
    expect(compared).toBeGreaterThan(15_000);
    expect(matched).toBeGreaterThan(1_000);
  });
});
