// Inputs a custom policy must evaluate at upload time (validate-custom-policy.ts): one API
// request and one agent action, each with the platform result the policy will see at runtime.
import type { PolicyInput, PolicyResult } from "./types";

type Sample = PolicyInput & { platform: PolicyResult };

const allow: PolicyResult = { decision: "ALLOW", reasons: [], shadow: [], baseline_hits: [] };

export const CUSTOM_POLICY_SAMPLES: Sample[] = [
  {
    kind: "request",
    posture: "allow_by_default",
    upstream: { name: "api", posture: "allow_by_default" },
    request: { method: "POST", path: "/v1/orders", headers: { "content-type": "application/json" }, body: { amount: 10 } },
    findings: [],
    risk: 0,
    now: "2025-01-06T12:00:00.000Z",
    platform: allow,
  },
  {
    kind: "action",
    posture: "deny_by_default",
    action: { agent: "agent-1", tool: "github", action: "create_issue", resource: "repo/acme", params: { title: "x" } },
    agent: { id: "agent-1", role: "triage" },
    findings: [{ category: "prompt_injection", rule_id: "pi.ignore", score: 40, location: "params.title", evidence: "x" }],
    risk: 40,
    now: "2025-01-06T12:00:00.000Z",
    platform: { ...allow, decision: "BLOCK", reasons: [{ rule_id: "platform.posture.deny", effect: "BLOCK", message: "" }] },
  },
];
