// The policy engine's contract with the gateway. Names here are shared with server/gateway and
// server/inspection; change them only together.

import type { TRule } from "./rule-schema";

export const DECISIONS = ["ALLOW", "MONITOR", "THROTTLE", "ESCALATE", "BLOCK"] as const;
export type TPolicyDecision = (typeof DECISIONS)[number];

/** KILL exists only at the gateway (kill switch); the policy never returns it. */
export type TDecision = TPolicyDecision | "KILL";

/** Severity order used for tie-breaks and for "custom policies may only tighten". */
export const SEVERITY: Record<TPolicyDecision, number> = {
  ALLOW: 0,
  MONITOR: 1,
  THROTTLE: 2,
  ESCALATE: 3,
  BLOCK: 4,
};

export const FINDING_CATEGORIES = [
  "sqli",
  "xss",
  "traversal",
  "rce",
  "ssrf",
  "ssti",
  "pii",
  "secret",
  "prompt_injection",
  "dangerous_action",
] as const;
export type TFindingCategory = (typeof FINDING_CATEGORIES)[number];

export type Finding = {
  category: TFindingCategory;
  rule_id: string;
  score: number; // 0..100
  location: string;
  evidence: string;
};

export type Posture = "allow_by_default" | "deny_by_default";

export type PolicyInput = {
  kind: "request" | "action";
  upstream?: { name: string; posture: Posture };
  /** The org's posture; an upstream's posture, when given, is more specific and wins. */
  posture: Posture;
  request?: { method: string; path: string; headers: Record<string, string>; body?: unknown };
  action?: { agent?: string; tool: string; action: string; resource?: string; params?: unknown };
  agent?: { id: string; role?: string };
  findings: Finding[];
  risk: number;
  now: string; // ISO 8601
  owner_relaxations?: string[];
};

export type PolicyReason = { rule_id: string; effect: string; message: string };

export type PolicyResult = {
  decision: TPolicyDecision;
  reasons: PolicyReason[];
  shadow: { rule_id: string; effect: string }[];
  baseline_hits: string[];
};

export type TenantPolicy = {
  orgId: string;
  /** Must change whenever rules or customPolicy change: instances are cached by (orgId, version). */
  version: number;
  rules: TRule[];
  customPolicy?: Uint8Array;
};

export const BASELINE_IDS = [
  "baseline.traversal",
  "baseline.destructive_sql",
  "baseline.prod_namespace_delete",
  "baseline.audit_disable",
] as const;
export type TBaselineId = (typeof BASELINE_IDS)[number];

export function isPolicyDecision(value: unknown): value is TPolicyDecision {
  return typeof value === "string" && (DECISIONS as readonly string[]).includes(value);
}

export function moreSevere(a: TPolicyDecision, b: TPolicyDecision): TPolicyDecision {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}
