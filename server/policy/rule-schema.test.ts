import { describe, expect, it } from "vitest";
import { parseJsonPath, readJsonPath } from "./json-path";
import { ZRule, ZRuleSet } from "./rule-schema";

describe("ZRule", () => {
  it("applies defaults and normalizes methods and header names", () => {
    const r = ZRule.parse({ id: "r1", effect: "BLOCK", when: { methods: ["post"], headers: [{ name: "X-A", op: "present" }] } });
    expect(r).toMatchObject({ enabled: true, priority: 100, shadow: false });
    expect(r.when.methods).toEqual(["POST"]);
    expect(r.when.headers?.[0]?.name).toBe("x-a");
  });

  it("rejects reserved ids, unknown fields, bad priorities and unknown effects", () => {
    expect(ZRule.safeParse({ id: "platform.x", effect: "BLOCK" }).success).toBe(false);
    expect(ZRule.safeParse({ id: "baseline.traversal", effect: "ALLOW" }).success).toBe(false);
    expect(ZRule.safeParse({ id: "r", effect: "BLOCK", when: { colour: "red" } }).success).toBe(false);
    expect(ZRule.safeParse({ id: "r", effect: "BLOCK", priority: 0 }).success).toBe(false);
    expect(ZRule.safeParse({ id: "r", effect: "KILL" }).success).toBe(false);
  });

  it("checks operator/value pairs and JSON paths", () => {
    expect(ZRule.safeParse({ id: "r", effect: "BLOCK", when: { body: [{ path: "$.a", op: "gt", value: "1" }] } }).success).toBe(false);
    expect(ZRule.safeParse({ id: "r", effect: "BLOCK", when: { body: [{ path: "$.a", op: "in", value: 1 }] } }).success).toBe(false);
    expect(ZRule.safeParse({ id: "r", effect: "BLOCK", when: { body: [{ path: "a.b", op: "exists" }] } }).success).toBe(false);
    expect(ZRule.safeParse({ id: "r", effect: "BLOCK", when: { headers: [{ name: "x", op: "equals" }] } }).success).toBe(false);
    expect(ZRule.safeParse({ id: "r", effect: "BLOCK", when: { time: { hours: { from: 5, to: 5 } } } }).success).toBe(false);
  });
});

describe("ZRuleSet", () => {
  it("rejects duplicate ids", () => {
    const res = ZRuleSet.safeParse({ version: 1, rules: [{ id: "a", effect: "BLOCK" }, { id: "a", effect: "ALLOW" }] });
    expect(res.success).toBe(false);
  });
});

describe("json path", () => {
  it("parses and reads the supported syntax", () => {
    expect(parseJsonPath('$.a[2]["b c"].d')).toEqual(["a", 2, "b c", "d"]);
    expect(parseJsonPath("$.a.*")).toBeNull();
    expect(readJsonPath({ a: [0, 1, { "b c": { d: 7 } }] }, ["a", 2, "b c", "d"])).toBe(7);
    expect(readJsonPath({ a: 1 }, ["a", "b"])).toBeUndefined();
    expect(readJsonPath({}, ["constructor"])).toBeUndefined();
  });
});
