// Public surface of the policy engine (server/policy). The gateway imports only from here.
export { ZRule, ZRuleSet, ZRuleConditions, ZEffect, ZFindingCategory, type TRule, type TRuleInput, type TRuleSet } from "./rule-schema";
export { createPolicyEngine, PLATFORM_ENTRYPOINT, type PolicyEngine, type PolicyEngineOptions, type BoundPolicy } from "./engine";
export { simulateRules, type Simulation, type SimulationItem, type SimulationSummary } from "./simulate";
export { validateCustomPolicy, type CustomPolicyValidation, type ValidateCustomPolicyOptions } from "./validate-custom-policy";
export { CUSTOM_ENTRYPOINT } from "./custom-policy";
export {
  BASELINE_IDS,
  DECISIONS,
  FINDING_CATEGORIES,
  SEVERITY,
  type Finding,
  type PolicyInput,
  type PolicyReason,
  type PolicyResult,
  type Posture,
  type TBaselineId,
  type TDecision,
  type TenantPolicy,
  type TFindingCategory,
  type TPolicyDecision,
} from "./types";
