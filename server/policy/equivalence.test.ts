// The hot path matches tenant rules with compiled closures (match-rules.ts) and sends the platform
// policy only the matching indexes; policies/aegis/rules.rego is the reference and still runs when
// input.matched is absent. Both paths run here on the same wasm, data and generated inputs, and
// must return identical results (decision, every reason in order, shadow, baseline hits).
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compileRules } from "./compile-rules";
import { createPolicyEngine, PLATFORM_ENTRYPOINT, type PolicyEngine } from "./engine";
import { createRng, randomInput, randomRuleSet } from "./generate-cases";
import { buildPolicyView } from "./policy-view";
import type { TRule } from "./rule-schema";
import type { PolicyInput } from "./types";
import { instantiate } from "./wasm-host";

let engine: PolicyEngine;
let module: WebAssembly.Module;
beforeAll(async () => {
  engine = await createPolicyEngine();
  module = new WebAssembly.Module(readFileSync(path.resolve("policies/build/policy.wasm")));
});

/** The reference: the whole decision in Rego, rules.rego doing the matching. */
function referenceFor(rules: readonly TRule[]) {
  const compiled = compileRules(rules);
  const wasm = instantiate(module);
  wasm.setData(compiled.data);
  const entrypoint = wasm.entrypoints[PLATFORM_ENTRYPOINT] as number;
  return (input: PolicyInput) => wasm.evaluate(buildPolicyView(input, compiled), entrypoint);
}

describe("compiled matcher equals rules.rego", () => {
  it("on 400 generated rule sets x 25 inputs", { timeout: 60_000 }, () => {
    const rng = createRng(20251122);
    let cases = 0;
    let withTenantReason = 0;
    let withShadow = 0;
    const decisions = new Set<string>();
    for (let set = 0; set < 400; set++) {
      const rules = randomRuleSet(rng, 1 + Math.floor(rng.next() * 30));
      const ids = new Set(rules.map((r) => r.id));
      const fast = engine.bind(rules);
      const reference = referenceFor(rules);
      for (let n = 0; n < 25; n++) {
        const input = randomInput(rng);
        const got = fast.evaluate(input);
        const want = reference(input);
        if (JSON.stringify(got) !== JSON.stringify(want)) {
          // Only on failure: show the smallest useful reproduction.
          expect({ rules, input, got }).toEqual({ rules, input, got: want });
        }
        cases++;
        decisions.add(got.decision);
        if (got.reasons.some((r) => ids.has(r.rule_id))) withTenantReason++;
        if (got.shadow.length > 0) withShadow++;
      }
    }
    // The generator must keep exercising matches, or this test proves nothing.
    expect(cases).toBe(10_000);
    expect(withTenantReason).toBeGreaterThan(cases * 0.2);
    expect(withShadow).toBeGreaterThan(cases * 0.02);
    expect([...decisions].sort()).toEqual(["ALLOW", "BLOCK", "ESCALATE", "MONITOR", "THROTTLE"]);
  });
});
