// Every condition type, evaluated by the real platform wasm (this is also the proof that the
// builtins the Rego uses, glob.match, regex.match, contains, startswith, work in opa-wasm).
import { beforeAll, describe, expect, it } from "vitest";
import { createPolicyEngine, type PolicyEngine } from "./engine";
import type { TRuleInput } from "./rule-schema";
import { actionInput, finding, requestInput, rule } from "./test-helpers";
import type { PolicyInput } from "./types";

let engine: PolicyEngine;
let version = 0;
beforeAll(async () => {
  engine = await createPolicyEngine();
});

function fires(when: TRuleInput["when"], input: PolicyInput): boolean {
  const r = rule({ id: "probe", effect: "THROTTLE", when });
  return engine.evaluate(input, { orgId: "org_cond", version: ++version, rules: [r] }).reasons.some((x) => x.rule_id === "probe");
}

describe("request conditions", () => {
  it("kind", () => {
    expect(fires({ kind: "request" }, requestInput())).toBe(true);
    expect(fires({ kind: "action" }, requestInput())).toBe(false);
  });

  it("upstream", () => {
    expect(fires({ upstreams: ["api", "billing"] }, requestInput())).toBe(true);
    expect(fires({ upstreams: ["billing"] }, requestInput())).toBe(false);
  });

  it("method (case-insensitive in the rule)", () => {
    expect(fires({ methods: ["post", "PUT"] }, requestInput({}, { method: "POST" }))).toBe(true);
    expect(fires({ methods: ["POST"] }, requestInput({}, { method: "GET" }))).toBe(false);
  });

  it("path glob: * is one segment, ** any depth, query string ignored", () => {
    expect(fires({ paths: ["/v1/*"] }, requestInput({}, { path: "/v1/items?x=1" }))).toBe(true);
    expect(fires({ paths: ["/v1/*"] }, requestInput({}, { path: "/v1/items/42" }))).toBe(false);
    expect(fires({ paths: ["/v1/**"] }, requestInput({}, { path: "/v1/items/42" }))).toBe(true);
    expect(fires({ paths: ["/admin/{users,roles}"] }, requestInput({}, { path: "/admin/roles" }))).toBe(true);
  });

  it("headers: names are case-insensitive; present, absent, equals, contains, prefix", () => {
    const input = requestInput({}, { headers: { "X-Api-Version": "2024-01", "User-Agent": "curl/8.0" } });
    expect(fires({ headers: [{ name: "x-api-version", op: "present" }] }, input)).toBe(true);
    expect(fires({ headers: [{ name: "x-debug", op: "absent" }] }, input)).toBe(true);
    expect(fires({ headers: [{ name: "X-API-VERSION", op: "equals", value: "2024-01" }] }, input)).toBe(true);
    expect(fires({ headers: [{ name: "user-agent", op: "contains", value: "curl" }] }, input)).toBe(true);
    expect(fires({ headers: [{ name: "user-agent", op: "prefix", value: "python" }] }, input)).toBe(false);
    expect(fires({ headers: [{ name: "x-debug", op: "present" }] }, input)).toBe(false);
  });

  it("JSON body paths and operators", () => {
    const input = requestInput({}, { method: "POST", body: { user: { role: "admin", tags: ["vip"] }, amount: 250, "odd key": true } });
    const yes: NonNullable<TRuleInput["when"]>["body"][] = [
      [{ path: "$.user.role", op: "equals", value: "admin" }],
      [{ path: "$.user.role", op: "in", value: ["owner", "admin"] }],
      [{ path: "$.user.role", op: "contains", value: "dm" }],
      [{ path: "$.user.tags", op: "contains", value: "vip" }],
      [{ path: "$.user.tags[0]", op: "equals", value: "vip" }],
      [{ path: "$.amount", op: "gt", value: 100 }],
      [{ path: "$.amount", op: "lte", value: 250 }],
      [{ path: '$["odd key"]', op: "exists" }],
      [{ path: "$.missing", op: "absent" }],
      [{ path: "$.user.role", op: "not_equals", value: "guest" }],
    ];
    for (const body of yes) expect(fires({ body }, input), JSON.stringify(body)).toBe(true);
    expect(fires({ body: [{ path: "$.amount", op: "lt", value: 100 }] }, input)).toBe(false);
    expect(fires({ body: [{ path: "$.missing", op: "not_equals", value: 1 }] }, input)).toBe(false);
    expect(fires({ body: [{ path: "$.user.role", op: "gt", value: 1 }] }, input)).toBe(false);
  });
});

describe("agent and action conditions", () => {
  it("agent id and role", () => {
    expect(fires({ agents: ["agent-1"] }, actionInput())).toBe(true);
    expect(fires({ agent_roles: ["admin"] }, actionInput())).toBe(false);
    expect(fires({ agent_roles: ["triage"] }, actionInput())).toBe(true);
  });

  it("tool, action, resource globs", () => {
    const input = actionInput({}, { tool: "aws.s3", action: "put_object", resource: "buckets/logs/2025/01" });
    expect(fires({ tools: ["aws.*"] }, input)).toBe(true);
    expect(fires({ tools: ["gcp.*"] }, input)).toBe(false);
    expect(fires({ actions: ["put_*", "delete_*"] }, input)).toBe(true);
    expect(fires({ resources: ["buckets/logs/**"] }, input)).toBe(true);
    expect(fires({ resources: ["buckets/*"] }, input)).toBe(false);
  });

  it("params are the body for actions", () => {
    const input = actionInput({}, { tool: "stripe", action: "refund", params: { amount: 5000 } });
    expect(fires({ body: [{ path: "$.amount", op: "gte", value: 1000 }] }, input)).toBe(true);
  });
});

describe("findings, risk and time", () => {
  it("finding category, minimum score and rule id", () => {
    const input = requestInput({ findings: [finding("pii", 40, { rule_id: "pii.email" }), finding("xss", 70)] });
    expect(fires({ findings: { categories: ["xss"], min_score: 60 } }, input)).toBe(true);
    expect(fires({ findings: { categories: ["pii"], min_score: 60 } }, input)).toBe(false);
    expect(fires({ findings: { rule_ids: ["pii.*"] } }, input)).toBe(true);
    expect(fires({ findings: {} }, requestInput())).toBe(false);
  });

  it("risk range [gte, lt)", () => {
    expect(fires({ risk: { gte: 20, lt: 40 } }, requestInput({ risk: 20 }))).toBe(true);
    expect(fires({ risk: { gte: 20, lt: 40 } }, requestInput({ risk: 40 }))).toBe(false);
  });

  it("time window: UTC days and hours, wrapping past midnight", () => {
    const at = (now: string) => requestInput({ now });
    const weekendNights = { days: ["sat", "sun"] as ("sat" | "sun")[], hours: { from: 22, to: 6 } };
    expect(fires({ time: weekendNights }, at("2025-01-04T23:30:00Z"))).toBe(true); // Saturday
    expect(fires({ time: weekendNights }, at("2025-01-05T05:59:00Z"))).toBe(true); // Sunday
    expect(fires({ time: weekendNights }, at("2025-01-05T06:00:00Z"))).toBe(false);
    expect(fires({ time: weekendNights }, at("2025-01-06T23:30:00Z"))).toBe(false); // Monday
    // Offsets are converted: 10:00+02:00 is 08:00 UTC, outside 9-17 UTC; 11:00+02:00 is inside.
    expect(fires({ time: { hours: { from: 9, to: 17 } } }, at("2025-01-06T10:00:00+02:00"))).toBe(false);
    expect(fires({ time: { hours: { from: 9, to: 17 } } }, at("2025-01-06T11:00:00+02:00"))).toBe(true);
  });

  it("all conditions must hold together", () => {
    const when = { methods: ["POST"], paths: ["/v1/**"], findings: { categories: ["sqli" as const] } };
    expect(fires(when, requestInput({ findings: [finding("sqli", 30)] }, { method: "POST" }))).toBe(true);
    expect(fires(when, requestInput({ findings: [] }, { method: "POST" }))).toBe(false);
  });
});
