import { beforeAll, describe, expect, it } from "vitest";
import { createPolicyEngine, type PolicyEngine } from "./engine";
import { simulateRules } from "./simulate";
import { requestInput, rule } from "./test-helpers";

let engine: PolicyEngine;
beforeAll(async () => {
  engine = await createPolicyEngine();
});

describe("simulateRules", () => {
  it("reports before/after per input and a summary", () => {
    const inputs = [
      requestInput({}, { method: "DELETE", path: "/v1/items/1" }),
      requestInput({}, { method: "GET", path: "/v1/items" }),
      requestInput({}, { method: "POST", path: "/v1/items" }),
    ];
    const current = [rule({ id: "throttle-post", effect: "THROTTLE", when: { methods: ["POST"] } })];
    const draft = [
      rule({ id: "block-delete", effect: "BLOCK", when: { methods: ["DELETE"] } }),
      rule({ id: "shadow-get", effect: "BLOCK", shadow: true, when: { methods: ["GET"] } }),
    ];
    const sim = simulateRules(engine, inputs, current, draft);
    expect(sim.results.map((r) => [r.before, r.after])).toEqual([
      ["ALLOW", "BLOCK"],
      ["ALLOW", "ALLOW"],
      ["THROTTLE", "ALLOW"],
    ]);
    expect(sim.results[1]?.after_result.shadow).toEqual([{ rule_id: "shadow-get", effect: "BLOCK" }]);
    expect(sim.summary).toEqual({ total: 3, newly_blocked: 1, newly_allowed: 1, changed: 2 });
    expect(engine.stats().instances).toBe(0);
  });
});
