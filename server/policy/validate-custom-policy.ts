// Upload-time validation of a bring-your-own policy. Wasm runs synchronously and cannot be
// interrupted in-thread, so the sample evaluation happens in a worker we can terminate: a policy
// that loops or explodes is rejected here instead of stalling the gateway later.
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { CUSTOM_ENTRYPOINT, parseCustomOutput } from "./custom-policy";
import { CUSTOM_POLICY_SAMPLES } from "./custom-policy-samples";
import { asBufferSource, SDK_HOST_BUILTINS } from "./wasm-host";

export type CustomPolicyValidation = { ok: true; entrypoints: string[] } | { ok: false; error: string };
export type ValidateCustomPolicyOptions = { timeoutMs?: number; maxEvalMs?: number; maxBytes?: number };

const ALLOWED_IMPORTS = new Set(["memory", "opa_abort", "opa_println", "opa_builtin0", "opa_builtin1", "opa_builtin2", "opa_builtin3", "opa_builtin4"]);
const REQUIRED_EXPORTS = ["opa_eval", "entrypoints", "builtins", "opa_malloc", "opa_json_parse", "opa_json_dump", "opa_heap_ptr_get", "opa_heap_ptr_set"];

type WorkerReply =
  | { ok: true; entrypoints: string[]; builtins: string[]; results: { out: unknown; ms: number }[] }
  | { ok: false; error: string };

export async function validateCustomPolicy(bytes: Uint8Array, opts: ValidateCustomPolicyOptions = {}): Promise<CustomPolicyValidation> {
  // timeoutMs covers worker start and wasm compilation, which a loaded machine slows down.
  const { timeoutMs = 10_000, maxEvalMs = 10, maxBytes = 8 * 1024 * 1024 } = opts;
  if (bytes.byteLength === 0 || bytes.byteLength > maxBytes) return fail(`size must be 1..${maxBytes} bytes`);
  const source = asBufferSource(bytes);
  if (!WebAssembly.validate(source)) return fail("not a valid WebAssembly module");

  const module = new WebAssembly.Module(source);
  const badImport = WebAssembly.Module.imports(module).find((i) => i.module !== "env" || !ALLOWED_IMPORTS.has(i.name));
  if (badImport) return fail(`unexpected import ${badImport.module}.${badImport.name}: not an OPA policy`);
  const exported = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  const missing = REQUIRED_EXPORTS.filter((name) => !exported.has(name));
  if (missing.length > 0) return fail(`missing OPA exports ${missing.join(", ")}: build with opa build -t wasm`);

  const reply = await runInWorker(bytes, timeoutMs);
  if (!reply.ok) return fail(reply.error);
  if (!reply.entrypoints.includes(CUSTOM_ENTRYPOINT)) {
    return fail(`entrypoint ${CUSTOM_ENTRYPOINT} missing (found: ${reply.entrypoints.join(", ") || "none"})`);
  }
  const unsupported = reply.builtins.filter((b) => !SDK_HOST_BUILTINS.has(b));
  if (unsupported.length > 0) return fail(`builtins not available in the wasm runtime: ${unsupported.join(", ")}`);
  for (const [i, r] of reply.results.entries()) {
    if (r.out !== undefined && !parseCustomOutput(r.out)) return fail(`sample ${i}: output is not a decision`);
    if (r.ms > maxEvalMs) return fail(`sample ${i}: evaluation took ${r.ms.toFixed(1)} ms (limit ${maxEvalMs} ms)`);
  }
  return { ok: true, entrypoints: reply.entrypoints };
}

function fail(error: string): CustomPolicyValidation {
  return { ok: false, error };
}

// Plain JS on purpose: an eval worker needs no loader, so this works the same under tsx, vitest
// and a bundled Next.js server. Each sample is evaluated once to warm up, then timed.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { loadPolicySync } = require(workerData.sdk);
const message = (e) => (typeof e === "string" ? e : (e && e.message) || String(e));
try {
  const policy = loadPolicySync(new WebAssembly.Module(workerData.bytes));
  const ex = policy.wasmInstance.exports;
  const at = ex.opa_json_dump(ex.builtins());
  const mem = new Uint8Array(policy.mem.buffer);
  let end = at; while (mem[end] !== 0) end++;
  const builtins = Object.keys(JSON.parse(new TextDecoder().decode(mem.subarray(at, end))));
  const entrypoints = Object.keys(policy.entrypoints);
  const results = [];
  if (entrypoints.includes(workerData.entrypoint) && builtins.every((b) => workerData.hostBuiltins.includes(b))) {
    for (const input of workerData.samples) {
      policy.evaluate(input, workerData.entrypoint);
      // Fastest of five warm runs: a busy machine's scheduler noise must not
      // reject a fast policy, while a genuinely slow one is slow every time.
      let ms = Infinity;
      let rs;
      for (let k = 0; k < 5; k++) {
        const t = performance.now();
        rs = policy.evaluate(input, workerData.entrypoint);
        ms = Math.min(ms, performance.now() - t);
      }
      results.push({ out: Array.isArray(rs) && rs[0] ? rs[0].result : undefined, ms });
    }
  }
  parentPort.postMessage({ ok: true, entrypoints, builtins, results });
} catch (e) {
  parentPort.postMessage({ ok: false, error: "evaluation failed: " + message(e) });
}
`;

function runInWorker(bytes: Uint8Array, timeoutMs: number): Promise<WorkerReply> {
  const sdk = createRequire(path.join(process.cwd(), "package.json")).resolve("@open-policy-agent/opa-wasm");
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { sdk, bytes, entrypoint: CUSTOM_ENTRYPOINT, samples: CUSTOM_POLICY_SAMPLES, hostBuiltins: [...SDK_HOST_BUILTINS] },
    resourceLimits: { maxOldGenerationSizeMb: 128 },
  });
  return new Promise((resolve) => {
    const done = (reply: WorkerReply) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(reply);
    };
    const timer = setTimeout(() => done({ ok: false, error: `evaluation did not finish within ${timeoutMs} ms` }), timeoutMs);
    worker.once("message", (m: WorkerReply) => done(m));
    worker.once("error", (e) => done({ ok: false, error: `worker error: ${e.message}` }));
    worker.once("exit", (code) => done({ ok: false, error: `worker exited (${code})` }));
  });
}
