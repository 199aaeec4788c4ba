import { describe, expect, it } from "vitest";
import type { GatewayContext } from "@/server/gateway/types";
import { compactPolicyInput, toPolicyInput } from "./recorded-inputs";

const policy = { decision: "ALLOW" as const, reasons: [], shadow: [], baseline_hits: [] };

function ctx(over: Partial<GatewayContext>): GatewayContext {
  return {
    method: "GET", alias: "rest", upstreamPath: "/orders/1", action: null, findings: [], risk: 0, policy,
    org: { posture: "allow_by_default" }, upstream: { name: "rest", posture: null }, caller: { agent: "bot", role: "support" },
    headers: { authorization: "Bearer secret-value" }, bodyJson: { password: "hunter2-hunter2" },
    ...over,
  } as unknown as GatewayContext;
}

describe("compactPolicyInput", () => {
  it("keeps no headers and no request body", () => {
    const rec = compactPolicyInput(ctx({}));
    expect(rec).toEqual({ v: 1, kind: "request", posture: "allow_by_default", upstream: "rest", method: "GET", path: "/orders/1", agent: { id: "bot", role: "support" }, action: undefined, findings: [], risk: 0 });
    expect(JSON.stringify(rec)).not.toMatch(/secret-value|hunter2/);
  });

  it("masks values in small params, omits large or secret-bearing ones, drops finding evidence", () => {
    const small = compactPolicyInput(ctx({ action: { tool: "crm", action: "email", params: { to: "jane.doe@example.com", n: 3 } } }));
    expect(small?.action).toMatchObject({ tool: "crm", action: "email", params: { to: "j***@example.com", n: 3 } });
    const big = compactPolicyInput(ctx({ action: { tool: "crm", action: "import", params: { rows: "x".repeat(3000) } } }));
    expect(big?.action).toEqual({ tool: "crm", action: "import", params_omitted: "too_large" });
    const findings = [{ category: "secret" as const, rule_id: "secret-github-token", score: 90, location: "action.params.t", evidence: "ghp_abc" }];
    const secret = compactPolicyInput(ctx({ findings, action: { tool: "gh", action: "call", params: { t: "ghp_abc" } } }));
    expect(secret?.action?.params_omitted).toBe("sensitive");
    expect(secret?.findings).toEqual([{ category: "secret", rule_id: "secret-github-token", score: 90, location: "action.params.t" }]);
  });

  it("records nothing for requests that never reached the policy stage", () => {
    expect(compactPolicyInput(ctx({ policy: null }))).toBeNull();
  });

  it("turns a record back into a PolicyInput at the recorded time", () => {
    const rec = compactPolicyInput(ctx({}));
    if (!rec) throw new Error("no record");
    const input = toPolicyInput(rec, new Date("2026-01-02T03:04:05Z"), ["baseline.traversal"]);
    expect(input).toMatchObject({ kind: "request", request: { method: "GET", path: "/orders/1", headers: {} }, upstream: { name: "rest" }, now: "2026-01-02T03:04:05.000Z", owner_relaxations: ["baseline.traversal"] });
  });
});
