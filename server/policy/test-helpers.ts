// Factories for policy tests and benches (not used at runtime).
import { ZRule, type TRule, type TRuleInput } from "./rule-schema";
import type { Finding, PolicyInput } from "./types";

export function requestInput(over: Partial<PolicyInput> = {}, request: Partial<NonNullable<PolicyInput["request"]>> = {}): PolicyInput {
  return {
    kind: "request",
    posture: "allow_by_default",
    upstream: { name: "api", posture: "allow_by_default" },
    request: { method: "GET", path: "/v1/items", headers: {}, ...request },
    findings: [],
    risk: 0,
    now: "2025-01-06T12:00:00.000Z", // a Monday, 12:00 UTC
    ...over,
  };
}

export function actionInput(over: Partial<PolicyInput> = {}, action: Partial<NonNullable<PolicyInput["action"]>> = {}): PolicyInput {
  return {
    kind: "action",
    posture: "deny_by_default",
    action: { tool: "github", action: "create_issue", resource: "repo/acme/web", ...action },
    agent: { id: "agent-1", role: "triage" },
    findings: [],
    risk: 0,
    now: "2025-01-06T12:00:00.000Z",
    ...over,
  };
}

export function finding(category: Finding["category"], score: number, over: Partial<Finding> = {}): Finding {
  return { category, score, rule_id: `${category}.generic`, location: "body", evidence: "", ...over };
}

let counter = 0;
export function rule(input: Partial<TRuleInput> & Pick<TRuleInput, "effect">): TRule {
  return ZRule.parse({ id: `r${++counter}`, ...input });
}
