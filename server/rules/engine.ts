// The policy engine for the app process (simulation). The gateway builds its
// own through build-deps; both compile the same platform wasm.
import { createPolicyEngine, type PolicyEngine } from "@/server/policy";

let engine: Promise<PolicyEngine> | undefined;

export function getPolicyEngine(): Promise<PolicyEngine> {
  engine ??= createPolicyEngine().catch((err: unknown) => {
    engine = undefined; // a missing artifact is retried after it is built, not cached forever
    throw err;
  });
  return engine;
}
