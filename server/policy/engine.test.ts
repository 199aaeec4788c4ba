import { beforeAll, describe, expect, it } from "vitest";
import { createPolicyEngine, type PolicyEngine } from "./engine";
import { actionInput, finding, requestInput, rule } from "./test-helpers";
import type { PolicyInput } from "./types";
import type { TRule } from "./rule-schema";

let engine: PolicyEngine;
let version = 0;
beforeAll(async () => {
  engine = await createPolicyEngine();
});
const run = (input: PolicyInput, rules: TRule[] = []) => engine.evaluate(input, { orgId: "org_test", version: ++version, rules });

describe("baselines (real wasm)", () => {
  it("blocks path traversal even against a top-priority ALLOW rule", () => {
    const r = run(requestInput({}, { path: "/static/../../etc/passwd" }), [rule({ effect: "ALLOW", priority: 1000 })]);
    expect(r.decision).toBe("BLOCK");
    expect(r.baseline_hits).toEqual(["baseline.traversal"]);
    expect(r.reasons[0]).toMatchObject({ rule_id: "baseline.traversal", effect: "BLOCK" });
  });

  it("blocks destructive SQL from an agent's params and from sqli evidence", () => {
    expect(run(actionInput({}, { tool: "postgres", action: "query", params: { sql: "DROP TABLE users" } })).baseline_hits).toEqual(["baseline.destructive_sql"]);
    const sqli = finding("sqli", 90, { evidence: "1; truncate table audit_log" });
    expect(run(requestInput({ findings: [sqli] })).baseline_hits).toContain("baseline.destructive_sql");
    expect(run(actionInput({}, { tool: "postgres", action: "query", params: { sql: "delete from t where id = 1" } })).baseline_hits).toEqual([]);
  });

  it("blocks production namespace deletion", () => {
    const r = run(actionInput({}, { tool: "k8s", action: "delete", resource: "namespaces/production" }), [rule({ effect: "ALLOW" })]);
    expect(r.decision).toBe("BLOCK");
    expect(r.baseline_hits).toEqual(["baseline.prod_namespace_delete"]);
    expect(run(requestInput({}, { method: "DELETE", path: "/api/v1/namespaces/prod" })).baseline_hits).toEqual(["baseline.prod_namespace_delete"]);
    expect(run(actionInput({}, { tool: "k8s", action: "delete", resource: "namespaces/staging" })).baseline_hits).toEqual([]);
  });

  it("blocks disabling audit", () => {
    expect(run(actionInput({}, { tool: "aws.cloudtrail", action: "stop_logging", resource: "trail/main" })).baseline_hits).toEqual(["baseline.audit_disable"]);
    expect(run(actionInput({}, { tool: "shell", action: "exec", params: { command: "systemctl stop auditd" } })).baseline_hits).toEqual(["baseline.audit_disable"]);
    expect(run(requestInput({}, { method: "PATCH", path: "/v1/audit/config", body: { enabled: false } })).baseline_hits).toEqual(["baseline.audit_disable"]);
  });

  it("lets an owner relax a baseline; the hit is then only watched", () => {
    const input = requestInput({ owner_relaxations: ["baseline.traversal"] }, { path: "/a/../b" });
    const r = run(input);
    expect(r.decision).toBe("MONITOR");
    expect(r.baseline_hits).toEqual([]);
    expect(r.reasons[0]).toMatchObject({ rule_id: "baseline.traversal", effect: "MONITOR" });
    // Relaxing one baseline does not relax another.
    expect(run({ ...input, owner_relaxations: ["baseline.audit_disable"] }).decision).toBe("BLOCK");
  });
});

describe("posture", () => {
  it("allow_by_default allows when nothing fires, deny_by_default blocks", () => {
    expect(run(requestInput()).decision).toBe("ALLOW");
    expect(run(requestInput({ posture: "deny_by_default", upstream: undefined })).decision).toBe("BLOCK");
    expect(run(actionInput()).reasons[0]?.rule_id).toBe("platform.posture.deny");
  });

  it("an upstream's posture overrides the org's", () => {
    const input = requestInput({ posture: "allow_by_default", upstream: { name: "infra", posture: "deny_by_default" } });
    expect(run(input).decision).toBe("BLOCK");
    expect(run({ ...input, posture: "deny_by_default", upstream: { name: "api", posture: "allow_by_default" } }).decision).toBe("ALLOW");
  });

  it("an ALLOW rule is the allow-list entry under deny_by_default", () => {
    const allow = rule({ effect: "ALLOW", when: { tools: ["github"], actions: ["create_*"] } });
    expect(run(actionInput(), [allow]).decision).toBe("ALLOW");
    expect(run(actionInput({}, { action: "delete_repo" }), [allow]).decision).toBe("BLOCK");
  });
});

describe("risk thresholds", () => {
  it("blocks at 80, reviews at 50 (MONITOR for requests, ESCALATE for actions)", () => {
    expect(run(requestInput({ risk: 80 })).decision).toBe("BLOCK");
    expect(run(requestInput({ risk: 50 })).decision).toBe("MONITOR");
    expect(run(requestInput({ risk: 49 })).decision).toBe("ALLOW");
    const allow = rule({ effect: "ALLOW" });
    expect(run(actionInput({ risk: 60 }), [allow]).decision).toBe("ESCALATE");
  });

  it("only a rule above priority 500 can override a risk decision", () => {
    expect(run(requestInput({ risk: 95 }), [rule({ effect: "ALLOW", priority: 500 })]).decision).toBe("BLOCK");
    expect(run(requestInput({ risk: 95 }), [rule({ effect: "ALLOW", priority: 501 })]).decision).toBe("ALLOW");
  });
});

describe("conflict resolution", () => {
  it("highest priority wins, then severity, then rule id", () => {
    const rules = [
      rule({ id: "low-block", effect: "BLOCK", priority: 10 }),
      rule({ id: "b-monitor", effect: "MONITOR", priority: 20 }),
      rule({ id: "a-throttle", effect: "THROTTLE", priority: 20 }),
      rule({ id: "c-throttle", effect: "THROTTLE", priority: 20 }),
    ];
    const r = run(requestInput(), rules);
    expect(r.decision).toBe("THROTTLE");
    expect(r.reasons.map((x) => x.rule_id)).toEqual(["a-throttle", "c-throttle", "b-monitor", "low-block"]);
  });

  it("shadow rules are recorded but never act; disabled rules are ignored", () => {
    const r = run(requestInput(), [rule({ id: "s", effect: "BLOCK", shadow: true }), rule({ id: "d", effect: "BLOCK", enabled: false })]);
    expect(r.decision).toBe("ALLOW");
    expect(r.shadow).toEqual([{ rule_id: "s", effect: "BLOCK" }]);
    expect(r.reasons.map((x) => x.rule_id)).toEqual(["platform.posture.allow"]);
  });
});

describe("instances", () => {
  it("reuses one instance per org and reloads when the version changes", () => {
    const rules = [rule({ effect: "BLOCK", when: { methods: ["POST"] } })];
    const tenant = { orgId: "org_cache", version: 1, rules };
    expect(engine.evaluate(requestInput({}, { method: "POST" }), tenant).decision).toBe("BLOCK");
    // Same version, different rules: the cached instance answers (version is the cache key).
    expect(engine.evaluate(requestInput({}, { method: "POST" }), { ...tenant, rules: [] }).decision).toBe("BLOCK");
    expect(engine.evaluate(requestInput({}, { method: "POST" }), { ...tenant, version: 2, rules: [] }).decision).toBe("ALLOW");
  });

  it("evicts beyond the cache size", async () => {
    const small = await createPolicyEngine({ cacheSize: 2 });
    for (const orgId of ["a", "b", "c"]) small.evaluate(requestInput(), { orgId, version: 1, rules: [] });
    expect(small.stats().instances).toBe(2);
  });

  it("answers a repeated input from its memo exactly as the wasm did, and callers cannot corrupt it", () => {
    const rules = [rule({ id: "r.block-post", effect: "BLOCK", when: { methods: ["POST"] } })];
    const tenant = { orgId: "org_memo", version: 1, rules };
    const fresh = () => engine.bind(rules).evaluate(requestInput({}, { method: "POST" }));
    const first = engine.evaluate(requestInput({}, { method: "POST" }), tenant);
    expect(first).toEqual(fresh());
    expect(first.decision).toBe("BLOCK");
    // Mutating an answer must not change the next one for the same input.
    first.reasons.push({ rule_id: "x", effect: "ALLOW", message: "tampered" });
    (first.reasons[0] as { message: string }).message = "changed";
    first.baseline_hits.push("baseline.traversal");
    const second = engine.evaluate(requestInput({}, { method: "POST" }), tenant);
    expect(second).toEqual(fresh());
    // A different input is not answered from another input's memo entry.
    expect(engine.evaluate(requestInput({}, { method: "GET" }), tenant).decision).toBe("ALLOW");
    expect(engine.evaluate(requestInput({}, { method: "GET", path: "/files/..%2f..%2fetc/passwd" }), tenant).decision).toBe("BLOCK");
  });

  it("rejects an invalid now instead of guessing the time", () => {
    expect(() => run(requestInput({ now: "yesterday" }))).toThrow(/invalid now/);
  });
});
