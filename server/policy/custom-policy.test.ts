// Bring-your-own policy: fixtures/custom-policy.wasm is built by policies/build.sh from
// policies/examples/custom/decision.rego (ESCALATE for agents calling billing tools, else ALLOW).
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCustomOutput } from "./custom-policy";
import { createPolicyEngine, type PolicyEngine } from "./engine";
import { actionInput, requestInput, rule } from "./test-helpers";
import { validateCustomPolicy } from "./validate-custom-policy";

const fixture = new Uint8Array(readFileSync(path.resolve("server/policy/fixtures/custom-policy.wasm")));
const platformWasm = new Uint8Array(readFileSync(path.resolve("policies/build/policy.wasm")));

let engine: PolicyEngine;
beforeAll(async () => {
  engine = await createPolicyEngine();
});

describe("validateCustomPolicy", () => {
  it("accepts a compiled OPA policy with aegis/decision", async () => {
    expect(await validateCustomPolicy(fixture)).toEqual({ ok: true, entrypoints: ["aegis/decision"] });
  });

  it("rejects bytes that are not wasm, or wasm that is not OPA", async () => {
    expect(await validateCustomPolicy(new Uint8Array([1, 2, 3]))).toMatchObject({ ok: false, error: /not a valid WebAssembly/ });
    const emptyModule = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    expect(await validateCustomPolicy(emptyModule)).toMatchObject({ ok: false, error: /missing OPA exports/ });
    expect(await validateCustomPolicy(new Uint8Array())).toMatchObject({ ok: false, error: /size/ });
  });

  it("rejects a policy without the aegis/decision entrypoint", async () => {
    expect(await validateCustomPolicy(platformWasm)).toMatchObject({ ok: false, error: /entrypoint aegis\/decision missing \(found: aegis\/main\)/ });
  });

  it("enforces the time limits", async () => {
    expect(await validateCustomPolicy(fixture, { timeoutMs: 1 })).toMatchObject({ ok: false, error: /did not finish within 1 ms/ });
    expect(await validateCustomPolicy(fixture, { maxEvalMs: 0 })).toMatchObject({ ok: false, error: /limit 0 ms/ });
  });
});

describe("custom policy at evaluation", () => {
  const tenant = (version: number, customPolicy?: Uint8Array) => ({
    orgId: "org_custom",
    version,
    rules: [rule({ effect: "ALLOW", when: { tools: ["billing.*", "github"] } })],
    customPolicy,
  });

  it("tightens the platform decision and says so", () => {
    const r = engine.evaluate(actionInput({}, { tool: "billing.stripe", action: "refund" }), tenant(1, fixture));
    expect(r.decision).toBe("ESCALATE");
    expect(r.reasons[0]).toMatchObject({ rule_id: "custom.billing_agents", effect: "ESCALATE" });
    expect(engine.evaluate(actionInput(), tenant(1, fixture)).decision).toBe("ALLOW");
  });

  it("never loosens a platform BLOCK", () => {
    // The custom policy answers ALLOW here; the platform's deny-by-default BLOCK stands.
    expect(engine.evaluate(actionInput({}, { tool: "slack" }), tenant(2, fixture)).decision).toBe("BLOCK");
    expect(engine.evaluate(requestInput({ risk: 90 }), tenant(2, fixture)).decision).toBe("BLOCK");
  });

  it("fails closed when the custom policy cannot load", () => {
    const r = engine.evaluate(actionInput(), tenant(3, platformWasm));
    expect(r.decision).toBe("BLOCK");
    expect(r.reasons[0]?.rule_id).toBe("custom.error");
  });

  it("parses both output shapes and rejects others", () => {
    expect(parseCustomOutput("BLOCK")).toEqual({ decision: "BLOCK", reasons: [] });
    expect(parseCustomOutput({ decision: "THROTTLE", reasons: [{ message: "m" }] })?.reasons[0]?.rule_id).toBe("custom.reason_0");
    expect(parseCustomOutput({ decision: "KILL" })).toBeNull();
    expect(parseCustomOutput(42)).toBeNull();
  });
});
