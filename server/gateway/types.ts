// Shared types of the gateway pipeline. Data flows one way:
// request → context (normalized view) → stages → decision → proxy → record.
import type { Finding, InspectionConfig } from "@/server/inspection/types";
import type { PolicyResult, TRule } from "@/server/policy";

export type Decision = "ALLOW" | "MONITOR" | "THROTTLE" | "ESCALATE" | "BLOCK" | "KILL";

/** A stage either lets the request continue or stops it with a documented response. */
export interface Stop {
  decision: Decision;
  status: number;
  code: string;
  message: string;
  ruleId?: string;
  headers?: Record<string, string>;
  extra?: Record<string, unknown>;
}

export type StageOutcome = "continue" | Stop;

export interface FlightEntry {
  stage: string;
  outcome: "continue" | Decision | "error";
  us: number;
  note?: string;
}

export interface Caller {
  orgId: string;
  agent: string | null;
  role: string;
  via: "api_key" | "agent_jwt";
  credentialId: string;
}

export interface UpstreamSnapshot {
  id: string;
  name: string;
  baseUrl: string;
  allowPrivate: boolean;
  timeoutMs: number;
  posture: "allow_by_default" | "deny_by_default" | null;
  injectTemplate: string | null;
  /** Decrypted on load; lives only in this process's memory. */
  secret: string | null;
  inspection: InspectionConfig;
}

export interface QuotaLimits {
  requestsPerSecond: number | null;
  burst: number | null;
  dailyRequests: number | null;
  monthlyRequests: number | null;
  monthlyCostUsd: number | null;
}

export interface OrgSnapshot {
  orgId: string;
  slug: string;
  version: number;
  shadowMode: boolean;
  degradedMode: "block_all" | "block_high_risk" | "allow_with_audit";
  posture: "allow_by_default" | "deny_by_default";
  ownerRelaxations: string[];
  redactPii: string[];
  inspection: InspectionConfig;
  killed: boolean;
  killedAgents: ReadonlySet<string>;
  upstreams: ReadonlyMap<string, UpstreamSnapshot>;
  orgQuota: QuotaLimits | null;
  agentQuotas: ReadonlyMap<string, QuotaLimits>;
  rules: { version: number; rules: TRule[] };
  customPolicy: Uint8Array | null;
}

export interface ActionInput {
  agent?: string;
  tool: string;
  action: string;
  resource?: string;
  params?: unknown;
  context?: unknown;
}

export interface GatewayContext {
  requestId: string;
  /** Wall clock (ms) for the record; performance clock for latency. */
  startedAt: number;
  startedAtPerf: number;
  kind: "proxy" | "evaluate";
  /** Aborted when the client goes away. */
  signal: AbortSignal | undefined;
  remoteAddress: string;
  method: string;
  /** Upstream alias (proxy) and the path after it. */
  alias: string | null;
  upstreamPath: string;
  query: string;
  headers: Record<string, string>;
  /** Headers without the caller's credentials: what inspection, policy and records see. */
  viewHeaders: Record<string, string>;
  body: Uint8Array | null;
  bodyText: string | null;
  bodyJson: unknown;
  action: ActionInput | null;
  caller: Caller | null;
  callerError: Stop | null;
  org: OrgSnapshot | null;
  upstream: UpstreamSnapshot | null;
  findings: Finding[];
  risk: number;
  policy: PolicyResult | null;
  decision: Decision;
  decidedBy: string | null;
  ruleIds: string[];
  shadow: { decision: Decision; stage: string | null } | null;
  degraded: string[];
  quotaHeaders: Record<string, string>;
  flight: FlightEntry[];
  approvalId: string | null;
  /** Set by the execute stage. */
  response: Response | null;
  llm: { endpoint: string; model: string | null } | null;
  auditSeq: number | null;
}
