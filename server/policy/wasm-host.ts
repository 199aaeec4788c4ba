// Thin typed layer over @open-policy-agent/opa-wasm. The SDK throws strings and returns `any`;
// everything above this file sees Errors and `unknown`.
import * as sdk from "@open-policy-agent/opa-wasm";
import type { LoadedPolicy } from "@open-policy-agent/opa-wasm";

// The package's ESM entry re-exports only loadPolicy by name; loadPolicySync (which we need for a
// synchronous evaluate path) is on the default export. The CJS entry has both as properties.
const opa: Pick<typeof sdk, "loadPolicySync"> = (sdk as unknown as { default?: typeof sdk }).default ?? sdk;

export type WasmPolicy = {
  readonly policy: LoadedPolicy;
  readonly entrypoints: Record<string, number>;
  /** Evaluates and returns the first result's value, or undefined when the rule is undefined. */
  evaluate(input: unknown, entrypoint: number): unknown;
  setData(data: object): void;
  memoryBytes(): number;
};

// Host-implemented builtins shipped by the SDK (src/builtins); everything else a policy needs
// must be compiled into the wasm, or evaluation throws "not implemented" at request time.
export const SDK_HOST_BUILTINS = new Set([
  "sprintf",
  "json.is_valid",
  "regex.split",
  "yaml.is_valid",
  "yaml.marshal",
  "yaml.unmarshal",
]);

type OpaExports = {
  builtins(): number;
  opa_json_dump(addr: number): number;
};

export function instantiate(module: WebAssembly.Module, initialPages = 5): WasmPolicy {
  const policy = guard(() => opa.loadPolicySync(module, { initial: initialPages }));
  const entrypoints = policy.entrypoints as Record<string, number>;
  return {
    policy,
    entrypoints,
    evaluate(input, entrypoint) {
      const out: unknown = guard(() => policy.evaluate(input, entrypoint));
      if (!Array.isArray(out) || out.length === 0) return undefined;
      const first: unknown = out[0];
      return first !== null && typeof first === "object" && "result" in first ? first.result : undefined;
    },
    setData(data) {
      guard(() => policy.setData(data));
    },
    memoryBytes: () => policy.mem.buffer.byteLength,
  };
}

/** Names of the builtins the policy expects the host to provide. */
export function requiredHostBuiltins(policy: LoadedPolicy): string[] {
  const exports = (policy.wasmInstance as WebAssembly.Instance).exports as unknown as OpaExports;
  const addr = exports.opa_json_dump(exports.builtins());
  const bytes = new Uint8Array(policy.mem.buffer);
  let end = addr;
  while (bytes[end] !== 0 && end < bytes.length) end++;
  const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes.subarray(addr, end)));
  return parsed !== null && typeof parsed === "object" ? Object.keys(parsed) : [];
}

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof Error) throw err;
    const message = typeof err === "string" ? err : JSON.stringify(err);
    throw new Error(`opa-wasm: ${message}`);
  }
}

/** WebAssembly APIs take ArrayBuffer-backed views only; copy the rare SharedArrayBuffer case. */
export function asBufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}
