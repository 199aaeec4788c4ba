// The in-process policy engine. The platform wasm is compiled once per process; each org gets
// its own instance with its compiled rules loaded as data (setData once per rules version), kept
// in an LRU. evaluate() is synchronous: no I/O, no network hop, one wasm call (none when the same
// input was answered recently; two with a custom policy; plus one per untranslated glob on a memo
// miss, see wasmGlobMatch). Tenant rule
// conditions are matched by closures compiled from the same data (match-rules.ts) and the
// platform policy receives the matching indexes; baselines, risk, posture and ranking run in
// Rego. It throws only on programmer errors or a trap in the platform policy; the gateway stage
// that calls it owns the fail-closed decision for that case.
import { readFileSync } from "node:fs";
import path from "node:path";
import { compileRules, type CompiledRule, type CompiledRules } from "./compile-rules";
import { applyCustomPolicy, customPolicyFailure, loadCustomPolicy, type LoadedCustomPolicy } from "./custom-policy";
import { LruCache } from "./lru";
import { compileMatcher, type GlobMatch } from "./match-rules";
import { buildPolicyView, toWasmInput } from "./policy-view";
import type { TRule } from "./rule-schema";
import { isPolicyDecision, type PolicyInput, type PolicyReason, type PolicyResult, type TenantPolicy } from "./types";
import { instantiate, requiredHostBuiltins, type WasmPolicy } from "./wasm-host";

/** The readable decision: what `opa eval` shows, and the reference path in tests. */
export const PLATFORM_ENTRYPOINT = "aegis/main";
/** The same decision with tenant rules as indexes into the rule data (see main.rego). */
export const COMPACT_ENTRYPOINT = "aegis/compact";
export const GLOB_ENTRYPOINT = "aegis/glob/match";

export type PolicyEngineOptions = {
  /** Defaults to policies/build/policy.wasm under the working directory. */
  wasmPath?: string;
  /** Org instances kept loaded (each holds its own wasm memory, ~0.4 MB). */
  cacheSize?: number;
  /** Answers memoized per instance (default 128; 0 turns the memo off, e.g. to measure wasm). */
  resultMemo?: number;
};

/** A platform instance with one rule set loaded; not cached (simulation, previews). */
export type BoundPolicy = {
  evaluate(input: PolicyInput): PolicyResult;
  memoryBytes(): number;
};

export type PolicyEngine = {
  evaluate(input: PolicyInput, tenant: TenantPolicy): PolicyResult;
  bind(rules: readonly TRule[]): BoundPolicy;
  stats(): { instances: number; customInstances: number; wasmMemoryBytes: number };
};

type OrgEntry = { version: number; bound: BoundPolicy };
type CustomEntry = { version: number; bytes: Uint8Array; custom: LoadedCustomPolicy | Error };

export async function createPolicyEngine(opts: PolicyEngineOptions = {}): Promise<PolicyEngine> {
  const wasmPath = opts.wasmPath ?? path.resolve(process.cwd(), "policies/build/policy.wasm");
  const module = await WebAssembly.compile(readFileSync(/*turbopackIgnore: true*/ wasmPath));
  assertPlatformModule(module, wasmPath);

  const orgs = new LruCache<string, OrgEntry>(opts.cacheSize ?? 256);
  const customs = new LruCache<string, CustomEntry>(opts.cacheSize ?? 256);

  const memoEntries = opts.resultMemo ?? RESULT_MEMO_ENTRIES;
  const bind = (rules: readonly TRule[]): BoundPolicy => bindRules(module, compileRules(rules), memoEntries);

  return {
    bind,
    evaluate(input, tenant) {
      let org = orgs.get(tenant.orgId);
      if (!org || org.version !== tenant.version) {
        org = { version: tenant.version, bound: bind(tenant.rules) };
        orgs.set(tenant.orgId, org);
      }
      const result = org.bound.evaluate(input);
      if (!tenant.customPolicy) return result;

      let custom = customs.get(tenant.orgId);
      if (!custom || custom.version !== tenant.version || custom.bytes !== tenant.customPolicy) {
        custom = { version: tenant.version, bytes: tenant.customPolicy, custom: tryLoadCustom(tenant.customPolicy) };
        customs.set(tenant.orgId, custom);
      }
      if (custom.custom instanceof Error) return customPolicyFailure(result, custom.custom);
      return applyCustomPolicy(custom.custom, input, result);
    },
    stats() {
      let wasmMemoryBytes = 0;
      for (const org of orgs.values()) wasmMemoryBytes += org.bound.memoryBytes();
      for (const c of customs.values()) if (!(c.custom instanceof Error)) wasmMemoryBytes += c.custom.wasm.memoryBytes();
      return { instances: orgs.size, customInstances: customs.size, wasmMemoryBytes };
    },
  };
}

// Cached as an Error too, so a broken upload costs one failed compile, not one per request.
function tryLoadCustom(bytes: Uint8Array): LoadedCustomPolicy | Error {
  try {
    return loadCustomPolicy(bytes);
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

function bindRules(module: WebAssembly.Module, compiled: CompiledRules, memoEntries: number): BoundPolicy {
  const wasm = instantiate(module);
  wasm.setData(compiled.data);
  const entrypoint = wasm.entrypoints[COMPACT_ENTRYPOINT];
  if (entrypoint === undefined) throw new Error(`platform policy lacks ${COMPACT_ENTRYPOINT}`);
  const matcher = compileMatcher(compiled, wasmGlobMatch(wasm));
  // The platform policy is a pure function of its input and this instance's data, so its answers
  // are memoized by the input's JSON text (which the wasm call needs anyway): repeated request
  // shapes (an LLM endpoint, a polled resource) skip the wasm call. Bounded per instance in
  // entries and key length; an instance belongs to one org and one rules version.
  const memo = new Map<string, unknown>();
  return {
    evaluate(input) {
      const view = buildPolicyView(input, compiled);
      const text = JSON.stringify(toWasmInput(view, matcher.match(view)));
      const memoize = memoEntries > 0 && text.length <= RESULT_MEMO_MAX_KEY;
      let out = memoize ? memo.get(text) : undefined;
      if (out === undefined) {
        out = wasm.evaluate(jsonBuffer(text), entrypoint);
        if (memoize) {
          if (memo.size >= memoEntries) memo.clear();
          memo.set(text, out);
        }
      }
      return toPolicyResult(out, compiled.data.tenant.by_kind[view.kind]);
    },
    memoryBytes: () => wasm.memoryBytes(),
  };
}

const RESULT_MEMO_ENTRIES = 128;
const RESULT_MEMO_MAX_KEY = 1024;
const encoder = new TextEncoder();

/** JSON text as the ArrayBuffer opa-wasm takes as ready-serialized input. */
function jsonBuffer(text: string): ArrayBuffer {
  const bytes = encoder.encode(text);
  return bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
}

// Globs that neither compile-rules.ts nor glob.ts translate (classes, escapes, nested braces)
// are asked of OPA's own glob.match, so they mean exactly what they mean in rules.rego. Answers
// are memoized per instance; the memo is bounded in entries and in value length, since request
// paths are attacker-chosen (a miss costs one extra wasm call, about 10-20 us).
const GLOB_MEMO_ENTRIES = 512;
const GLOB_MEMO_MAX_VALUE = 512;

function wasmGlobMatch(wasm: WasmPolicy): GlobMatch {
  const entrypoint = wasm.entrypoints[GLOB_ENTRYPOINT];
  if (entrypoint === undefined) throw new Error(`platform policy lacks ${GLOB_ENTRYPOINT}`);
  const memo = new Map<string, boolean>();
  const ask = (pattern: string, delimiter: string, value: string) => wasm.evaluate({ pattern, delimiter, value }, entrypoint) === true;
  return (pattern, delimiter, value) => {
    if (value.length > GLOB_MEMO_MAX_VALUE) return ask(pattern, delimiter, value);
    const key = `${delimiter}\u0000${pattern}\u0000${value}`;
    let hit = memo.get(key);
    if (hit === undefined) {
      hit = ask(pattern, delimiter, value);
      if (memo.size >= GLOB_MEMO_ENTRIES) memo.clear();
      memo.set(key, hit);
    }
    return hit;
  };
}

// A wrong or stale artifact must fail at boot, not on the first request.
function assertPlatformModule(module: WebAssembly.Module, wasmPath: string): void {
  const probe = instantiate(module);
  for (const name of [PLATFORM_ENTRYPOINT, COMPACT_ENTRYPOINT, GLOB_ENTRYPOINT]) {
    if (probe.entrypoints[name] === undefined) throw new Error(`${wasmPath}: entrypoint ${name} missing; run npm run policies:build`);
  }
  const host = requiredHostBuiltins(probe.policy);
  if (host.length > 0) throw new Error(`${wasmPath}: platform policy needs host builtins ${host.join(", ")}`);
}

/** Checks aegis/compact's output and expands tenant rule indexes from the rules it was given. */
function toPolicyResult(out: unknown, rules: readonly CompiledRule[]): PolicyResult {
  if (out === null || typeof out !== "object") throw new Error("platform policy returned no result");
  const r = out as { decision?: unknown; reasons?: unknown; shadow?: unknown; baseline_hits?: unknown };
  if (!isPolicyDecision(r.decision) || !Array.isArray(r.reasons) || !Array.isArray(r.shadow) || !Array.isArray(r.baseline_hits)) {
    throw new Error("platform policy returned a malformed result");
  }
  const rule = (i: unknown): CompiledRule => {
    const found = typeof i === "number" ? rules[i] : undefined;
    if (!found) throw new Error(`platform policy returned an unknown rule index ${JSON.stringify(i)}`);
    return found;
  };
  // Fresh objects and arrays throughout: `out` may be a memoized answer shared by later calls.
  const reasons = r.reasons.map((x: unknown): PolicyReason => {
    if (typeof x !== "number") return { ...(x as PolicyReason) };
    const { id, effect, message } = rule(x);
    return { rule_id: id, effect, message };
  });
  const shadow = r.shadow.map((i: unknown) => {
    const { id, effect } = rule(i);
    return { rule_id: id, effect };
  });
  return { decision: r.decision, reasons, shadow, baseline_hits: [...(r.baseline_hits as string[])] };
}
