import { describe, expect, it } from "vitest";
import { inspectAction, inspectRequest, listDetectors } from "./index";
import { DEFAULT_INSPECTION_CONFIG, type RequestView } from "./types";
import { computeRisk } from "./risk";

const attack: RequestView = { method: "GET", path: "/search", query: "q=1%27%20or%20%271%27%3D%271&u=%3Cscript%3Ealert(1)%3C%2Fscript%3E", headers: {} };

describe("inspectRequest", () => {
  it("returns findings with location, short evidence and a combined risk", () => {
    const { findings, risk } = inspectRequest(attack);
    expect(findings.map((f) => f.location)).toEqual(expect.arrayContaining(["query.q", "query.u"]));
    for (const f of findings) {
      expect(f.evidence.length).toBeLessThanOrEqual(80);
      expect(f.score).toBeGreaterThan(0);
      expect(f.score).toBeLessThanOrEqual(100);
    }
    expect(risk).toBeGreaterThan(90);
  });
  it("returns no findings and zero risk for an ordinary request", () => {
    expect(inspectRequest({ method: "GET", path: "/products/42", query: "sort=price&page=2", headers: { "user-agent": "curl/8.4.0" } })).toEqual({ findings: [], risk: 0 });
  });
  it("switches off rules and whole categories", () => {
    const off = { ...DEFAULT_INSPECTION_CONFIG, disabledRules: ["xss", "sqli-breakout"] };
    const ids = inspectRequest(attack, off).findings.map((f) => f.rule_id);
    expect(ids.some((id) => id.startsWith("xss"))).toBe(false);
    expect(ids).not.toContain("sqli-breakout");
  });
  it("masks secrets in evidence", () => {
    const { findings } = inspectRequest({ method: "POST", path: "/", query: "", headers: {}, contentType: "application/json", body: JSON.stringify({ note: "my key is sk_live_4eC39HqLyjWDarjtT1zdp7dc" }) });
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(f.evidence).not.toContain("4eC39HqLyjWDarjtT1zdp7dc");
  });
  it("survives malformed bodies and encodings", () => {
    expect(() => inspectRequest({ method: "POST", path: "/%E0%A4%A", query: "a=%ZZ&b", headers: {}, body: "{not json", contentType: "application/json" })).not.toThrow();
  });
});

describe("inspectAction bounds", () => {
  it("still inspects params nested deeper than the walk goes or behind a thousand others", () => {
    let deep: unknown = { text: "<script>alert(1)</script>" };
    for (let i = 0; i < 24; i++) deep = { a: deep };
    const nested = inspectAction({ tool: "crm", action: "update", params: deep }).findings.map((f) => f.rule_id);
    expect(nested).toContain("xss-script-tag");
    const many = { items: [...Array.from({ length: 1200 }, (_, i) => `item ${i}`), "<script>alert(1)</script>"] };
    const late = inspectAction({ tool: "crm", action: "update", params: many }).findings;
    expect(late.map((f) => `${f.rule_id}@${f.location}`)).toContain("xss-script-tag@action.params(overflow)");
  });
});

describe("risk", () => {
  it("weights categories and combines them", () => {
    const findings = [{ category: "xss" as const, rule_id: "x", score: 60, location: "q", evidence: "" }];
    expect(computeRisk(findings, DEFAULT_INSPECTION_CONFIG)).toBe(60);
    expect(computeRisk(findings, { ...DEFAULT_INSPECTION_CONFIG, categoryWeights: { xss: 0 } })).toBe(0);
    const two = [...findings, { category: "sqli" as const, rule_id: "y", score: 50, location: "q", evidence: "" }];
    expect(computeRisk(two, DEFAULT_INSPECTION_CONFIG)).toBe(80);
  });
});

describe("listDetectors", () => {
  it("lists every rule once with a category and paranoia level", () => {
    const list = listDetectors();
    const ids = list.map((d) => d.rule_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(list.every((d) => d.paranoia >= 1 && d.paranoia <= 4 && d.description.length > 0)).toBe(true);
    expect(new Set(list.map((d) => d.category))).toEqual(new Set(["sqli", "xss", "traversal", "rce", "ssrf", "ssti", "pii", "secret", "prompt_injection", "dangerous_action"]));
  });
  it("names every rule that inspectAction can report", () => {
    const known = new Set(listDetectors().map((d) => d.rule_id));
    const { findings } = inspectAction({ tool: "shell", action: "delete", resource: "prod", params: { command: "rm -rf /" } }, { ...DEFAULT_INSPECTION_CONFIG, toolAllowList: [] });
    for (const f of findings) expect(known.has(f.rule_id)).toBe(true);
  });
});
