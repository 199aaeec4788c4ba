// A realistic org for the policy bench: 50 rules touching every condition type, and a rotating
// set of request/action inputs (clean traffic, findings, body fields, agents).
import { rule } from "@/server/policy/test-helpers";
import type { TRule } from "@/server/policy";
import type { PolicyInput } from "@/server/policy";

export function fiftyRules(): TRule[] {
  const rules: TRule[] = [];
  for (let i = 0; i < 10; i++) {
    rules.push(rule({ id: `path-${i}`, effect: "BLOCK", priority: 100 + i, when: { methods: ["DELETE", "PUT"], paths: [`/v1/admin/${i}/**`] } }));
    rules.push(rule({ id: `hdr-${i}`, effect: "THROTTLE", when: { headers: [{ name: "user-agent", op: "contains", value: `scraper-${i}` }] } }));
    rules.push(rule({ id: `body-${i}`, effect: "ESCALATE", when: { methods: ["POST"], body: [{ path: "$.amount", op: "gt", value: 10_000 + i }, { path: "$.currency", op: "in", value: ["USD", "EUR"] }] } }));
    rules.push(rule({ id: `find-${i}`, effect: "MONITOR", priority: 200, when: { findings: { categories: ["pii", "secret"], min_score: 30 + i } } }));
    rules.push(rule({ id: `agent-${i}`, effect: i % 2 ? "ALLOW" : "ESCALATE", shadow: i === 9, when: { kind: "action", tools: [`tool${i}.*`], actions: ["create_*", "update_*"], agent_roles: ["ops", "triage"], time: { days: ["mon", "tue", "wed", "thu", "fri"], hours: { from: 8, to: 20 } } } }));
  }
  return rules;
}

export function benchInputs(): PolicyInput[] {
  const now = "2025-01-07T10:15:00.000Z";
  const headers = { "content-type": "application/json", "user-agent": "Mozilla/5.0 (X11; Linux x86_64)", accept: "*/*", "x-request-id": "7f9c0d1e" };
  return [
    { kind: "request", posture: "allow_by_default", upstream: { name: "api", posture: "allow_by_default" }, request: { method: "GET", path: "/v1/items/42", headers }, findings: [], risk: 0, now },
    { kind: "request", posture: "allow_by_default", request: { method: "POST", path: "/v1/payments", headers, body: { amount: 25_000, currency: "USD", customer: { id: "cus_1", email: "a@b.c" }, items: [1, 2, 3] } }, findings: [{ category: "pii", rule_id: "pii.email", score: 45, location: "body.customer.email", evidence: "a@b.c" }], risk: 35, now },
    { kind: "request", posture: "allow_by_default", request: { method: "DELETE", path: "/v1/admin/3/users/9", headers: { ...headers, "user-agent": "scraper-3" } }, findings: [], risk: 10, now },
    { kind: "action", posture: "deny_by_default", action: { agent: "agent-7", tool: "tool4.jira", action: "create_ticket", resource: "projects/ops", params: { title: "disk full" } }, agent: { id: "agent-7", role: "ops" }, findings: [], risk: 5, now },
    { kind: "request", posture: "allow_by_default", request: { method: "GET", path: "/v1/search?q=1%27%20or%201=1", headers }, findings: [{ category: "sqli", rule_id: "sqli.tautology", score: 85, location: "query.q", evidence: "' or 1=1" }], risk: 85, now },
  ];
}
