// Everything the gateway needs from the outside, built once per process and
// injected into stages (no stage imports a singleton). Tests build their own.
import type { Db } from "@/server/db/client";
import type { Store } from "@/server/store/types";
import type { TKeyring } from "@/server/crypto/envelope";
import type { PolicyEngine } from "@/server/policy";
import type { TCircuitBreakers } from "@/server/proxy/circuit-breaker";
import type { forwardRequest } from "@/server/proxy/forward";
import type { AuditSink } from "@/server/audit/appender";
import type { Limiter } from "@/server/gateway/limiter";
import type { CredentialResolver } from "@/server/gateway/credentials";
import type { SwrCache } from "@/server/gateway/config-cache";
import type { OrgSnapshot } from "@/server/gateway/types";

export interface GatewayOptions {
  maxBodyBytes: number;
  /** Risk at or above which block_high_risk degraded mode blocks. */
  degradedRiskThreshold: number;
  approvalTtlMs: number;
}

export interface GatewayDeps {
  now: () => number;
  db: Db;
  store: Store;
  limiter: Limiter;
  keyring: TKeyring;
  policy: PolicyEngine;
  breakers: TCircuitBreakers;
  forward: typeof forwardRequest;
  audit: AuditSink;
  credentials: CredentialResolver;
  orgs: SwrCache<string, OrgSnapshot | null>;
  options: GatewayOptions;
}
