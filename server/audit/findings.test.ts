import { describe, expect, it } from "vitest";
import { severityOfScore, summarizeFindings } from "./findings";

describe("summarizeFindings", () => {
  it("maps scores to severity bands", () => {
    expect([0, 39, 40, 69, 70, 89, 90, 100, Number.NaN].map(severityOfScore)).toEqual(["low", "low", "medium", "medium", "high", "high", "critical", "critical", "low"]);
  });
  it("counts, keeps first-seen categories once and takes the worst severity", () => {
    const f = (category: string, score: number) => ({ category, rule_id: `${category}.x`, score, location: "body" });
    expect(summarizeFindings([])).toEqual({ count: 0, types: [], max_severity: null });
    expect(summarizeFindings([f("pii", 45), f("sqli", 85), f("pii", 20)])).toEqual({ count: 3, types: ["pii", "sqli"], max_severity: "high" });
  });
});
