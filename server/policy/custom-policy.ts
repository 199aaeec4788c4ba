// Bring-your-own policy: an org uploads an OPA wasm (opa build -t wasm -e aegis/decision). It runs
// after the platform policy, sees the full PolicyInput plus `platform` (the platform result), and
// may only tighten: the final decision is the more severe of the two. Failure is fail-closed.
import { isPolicyDecision, moreSevere, type PolicyInput, type PolicyReason, type PolicyResult, type TPolicyDecision } from "./types";
import { asBufferSource, instantiate, type WasmPolicy } from "./wasm-host";

export const CUSTOM_ENTRYPOINT = "aegis/decision";

export type LoadedCustomPolicy = { wasm: WasmPolicy; entrypoint: number };
export type CustomOutput = { decision: TPolicyDecision; reasons: PolicyReason[] };

// Compiling is the expensive part; the same upload (same Uint8Array) is compiled once.
const modules = new WeakMap<Uint8Array, WebAssembly.Module>();

export function loadCustomPolicy(bytes: Uint8Array): LoadedCustomPolicy {
  let module = modules.get(bytes);
  if (!module) {
    module = new WebAssembly.Module(asBufferSource(bytes));
    modules.set(bytes, module);
  }
  const wasm = instantiate(module);
  const entrypoint = wasm.entrypoints[CUSTOM_ENTRYPOINT];
  if (entrypoint === undefined) throw new Error(`custom policy lacks entrypoint ${CUSTOM_ENTRYPOINT}`);
  return { wasm, entrypoint };
}

export function applyCustomPolicy(custom: LoadedCustomPolicy, input: PolicyInput, platform: PolicyResult): PolicyResult {
  let out: unknown;
  try {
    out = custom.wasm.evaluate({ ...input, platform }, custom.entrypoint);
  } catch (err) {
    return customPolicyFailure(platform, err);
  }
  // An undefined decision is "no opinion", like a Rego rule that does not fire.
  if (out === undefined) return platform;
  const parsed = parseCustomOutput(out);
  if (!parsed) return tighten(platform, "BLOCK", [failure("custom.invalid_output", "custom policy returned an invalid decision")]);
  return tighten(platform, parsed.decision, parsed.reasons);
}

/** Accepts "BLOCK" or {decision: "BLOCK", reasons?: [{rule_id?, message?}]}. */
export function parseCustomOutput(out: unknown): CustomOutput | null {
  if (isPolicyDecision(out)) return { decision: out, reasons: [] };
  if (out === null || typeof out !== "object" || !("decision" in out)) return null;
  const decision = out.decision;
  if (!isPolicyDecision(decision)) return null;
  const raw = "reasons" in out && Array.isArray(out.reasons) ? (out.reasons as unknown[]) : [];
  const reasons = raw.slice(0, 20).map((r, i): PolicyReason => {
    const o = r !== null && typeof r === "object" ? (r as Record<string, unknown>) : {};
    const id = typeof o.rule_id === "string" ? o.rule_id.slice(0, 64) : `reason_${i}`;
    return {
      // Prefixed so an audit reader always knows the org's own policy said this.
      rule_id: id.startsWith("custom.") ? id : `custom.${id}`,
      effect: decision,
      message: typeof o.message === "string" ? o.message.slice(0, 280) : "custom policy",
    };
  });
  return { decision, reasons };
}

/** A custom policy that cannot even load fails closed, like one that fails to evaluate. */
export function customPolicyFailure(platform: PolicyResult, err: unknown): PolicyResult {
  return tighten(platform, "BLOCK", [failure("custom.error", `custom policy failed: ${errorMessage(err)}`)]);
}

function tighten(platform: PolicyResult, decision: TPolicyDecision, reasons: PolicyReason[]): PolicyResult {
  const merged = moreSevere(platform.decision, decision);
  if (merged === platform.decision) return platform;
  return { ...platform, decision: merged, reasons: [...reasons, ...platform.reasons] };
}

function failure(rule_id: string, message: string): PolicyReason {
  return { rule_id, effect: "BLOCK", message };
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
