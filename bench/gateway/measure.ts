// One load-generator run → requests/s, p50/p99, status codes and the server's CPU.
// - paced (paced.ts): fixed-rate rows, open loop, latency from each request's scheduled instant.
// - autocannon (Node, one thread): exact p50/p99 from every response's own timing, and its own
//   p99 corrected for coordinated omission when a fixed rate is set (its rate is a per-second
//   budget, i.e. bursts, not pacing: see paced.ts). Used when wrk is missing.
// - wrk (C, one thread), when installed (`apt-get install wrk`): for "as fast as it answers"
//   rows. It needs ~5 µs of CPU per request where autocannon needs ~60, and on a 2-core machine
//   shared with the server the load generator's CPU is taken from the server.
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { runPaced } from "./paced";
import { cpuSeconds, mainThreadCpuSeconds } from "./processes";

export interface Scenario {
  label: string;
  url: string;
  headers?: Record<string, string>;
  method?: "GET" | "POST";
  body?: string;
  /** Fixed total rate (requests/s); unset = as fast as the server answers. */
  rate?: number;
  connections: number;
  durationS: number;
  /** The server processes whose CPU time is charged to this run. */
  serverPids?: number[];
  /**
   * Load generator; default: wrk when installed for max-rate rows, the paced open-loop generator
   * (paced.ts) for fixed-rate rows, else autocannon.
   */
  loader?: "wrk" | "autocannon" | "paced";
}

export interface Measurement {
  label: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  p999: number;
  /** autocannon's p99 (integer ms; includes coordinated-omission correction at a fixed rate). */
  p99Corrected: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  /** Server CPU milliseconds per answered request (all threads). */
  cpuMsPerReq: number;
  /** CPU milliseconds of the server's main thread(s) per answered request. */
  mainCpuMsPerReq: number;
  rate?: number;
  connections: number;
  loader: "wrk" | "autocannon" | "paced";
  /** Paced rows: the server's own stage timings (Server-Timing), p50 / p99 ms per stage. */
  stages?: Record<string, { p50: number; p99: number }>;
}

/**
 * The server's CPU over one run: call perRequest() when the run ends, then the result with the
 * number of answered requests (ms per request, all threads and main thread alone).
 */
function serverCpu(pids: number[] | undefined) {
  const cpu0 = pids ? cpuSeconds(pids) : NaN;
  const main0 = pids ? mainThreadCpuSeconds(pids) : NaN;
  return {
    perRequest() {
      const cpu1 = pids ? cpuSeconds(pids) : NaN;
      const main1 = pids ? mainThreadCpuSeconds(pids) : NaN;
      return (n: number) => ({
        cpuMsPerReq: n ? ((cpu1 - cpu0) * 1000) / n : NaN,
        mainCpuMsPerReq: n ? ((main1 - main0) * 1000) / n : NaN,
      });
    },
  };
}

const pct = (sorted: Float64Array, q: number) => (sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number) : NaN);

let wrkInstalled: boolean | undefined;
export function hasWrk(): boolean {
  if (wrkInstalled === undefined) {
    try {
      execFileSync("wrk", ["--version"], { stdio: "ignore" });
      wrkInstalled = true;
    } catch (err) {
      // wrk --version exits 1 after printing its version; only a missing binary is ENOENT.
      wrkInstalled = (err as NodeJS.ErrnoException).code !== "ENOENT";
    }
  }
  return wrkInstalled;
}

export async function measure(s: Scenario): Promise<Measurement> {
  const loader = s.loader ?? (s.rate !== undefined ? "paced" : hasWrk() ? "wrk" : "autocannon");
  if (loader === "paced") return measurePaced(s);
  if (loader === "wrk") {
    if (s.rate !== undefined) throw new Error("wrk cannot pace a fixed rate; use autocannon");
    return measureWrk(s);
  }
  const latencies: number[] = [];
  const cpu = serverCpu(s.serverPids);
  const t0 = performance.now();
  const instance = autocannon({
    url: s.url,
    method: s.method ?? "GET",
    headers: s.headers,
    body: s.body,
    connections: s.connections,
    duration: s.durationS,
    overallRate: s.rate,
    timeout: 30,
  });
  instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => void latencies.push(ms));
  const result = await instance;
  const used = cpu.perRequest();
  const elapsedS = (performance.now() - t0) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  const answered = latencies.length;
  const statuses: Record<string, number> = {};
  for (const [code, v] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = (v as { count: number }).count;
  return {
    label: s.label,
    requests: answered,
    rps: answered / elapsedS,
    p50: pct(sorted, 0.5),
    p99: pct(sorted, 0.99),
    p999: pct(sorted, 0.999),
    p99Corrected: result.latency.p99,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    ...used(answered),
    rate: s.rate,
    connections: s.connections,
    loader: "autocannon",
  };
}

async function measurePaced(s: Scenario): Promise<Measurement> {
  if (s.rate === undefined) throw new Error("the paced generator needs a rate");
  const cpu = serverCpu(s.serverPids);
  const r = await runPaced({ url: s.url, method: s.method, headers: s.headers, body: s.body, rate: s.rate, durationS: s.durationS, maxConnections: s.connections });
  const used = cpu.perRequest();
  const n = r.latenciesMs.length;
  return {
    label: s.label,
    requests: n,
    rps: n / r.elapsedS,
    p50: pct(r.latenciesMs, 0.5),
    p99: pct(r.latenciesMs, 0.99),
    p999: pct(r.latenciesMs, 0.999),
    p99Corrected: NaN,
    statuses: r.statuses,
    errors: r.errors,
    timeouts: 0,
    ...used(n),
    rate: s.rate,
    connections: s.connections,
    loader: "paced",
    stages: Object.keys(r.stagesMs).length
      ? Object.fromEntries(Object.entries(r.stagesMs).map(([k, v]) => [k, { p50: pct(Float64Array.from(v), 0.5), p99: pct(Float64Array.from(v), 0.99) }]))
      : undefined,
  };
}

// wrk's done() hook prints one JSON line: counts and latency percentiles (µs).
const WRK_SCRIPT = (s: Scenario) => `
wrk.method = ${JSON.stringify(s.method ?? "GET")}
${s.body === undefined ? "" : `wrk.body = ${luaString(s.body)}`}
${Object.entries(s.headers ?? {}).map(([k, v]) => `wrk.headers[${luaString(k)}] = ${luaString(v)}`).join("\n")}
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('\\nWRKJSON {"requests":%d,"us":%d,"non2xx":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"p50":%d,"p99":%d,"p999":%d}\\n',
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9)))
end
`;
const luaString = (v: string) => JSON.stringify(v); // a JSON string of this text is a valid Lua string

async function measureWrk(s: Scenario): Promise<Measurement> {
  const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aegis-wrk-")), "script.lua");
  fs.writeFileSync(script, WRK_SCRIPT(s));
  const cpu = serverCpu(s.serverPids);
  const out = await new Promise<string>((resolve, reject) =>
    execFile("wrk", ["-t1", `-c${s.connections}`, `-d${s.durationS}s`, "--timeout", "30s", "-s", script, s.url], { maxBuffer: 1 << 20 }, (err, stdout, stderr) =>
      err ? reject(new Error(`wrk failed: ${stderr || err.message}`)) : resolve(stdout),
    ),
  );
  const used = cpu.perRequest();
  fs.rmSync(path.dirname(script), { recursive: true, force: true });
  const line = out.split("\n").find((l) => l.startsWith("WRKJSON "));
  if (!line) throw new Error(`wrk printed no summary:\n${out}`);
  const r = JSON.parse(line.slice("WRKJSON ".length)) as Record<string, number>;
  const n = r.requests ?? 0;
  const errors = (r.connect ?? 0) + (r.read ?? 0) + (r.write ?? 0);
  const statuses: Record<string, number> = {};
  if (n - (r.non2xx ?? 0) > 0) statuses["2xx/3xx"] = n - (r.non2xx ?? 0);
  if (r.non2xx) statuses["4xx/5xx"] = r.non2xx;
  return {
    label: s.label,
    requests: n,
    rps: n / ((r.us ?? 1) / 1e6),
    p50: (r.p50 ?? NaN) / 1000,
    p99: (r.p99 ?? NaN) / 1000,
    p999: (r.p999 ?? NaN) / 1000,
    p99Corrected: NaN,
    statuses,
    errors,
    timeouts: r.timeout ?? 0,
    ...used(n),
    connections: s.connections,
    loader: "wrk",
  };
}

export function describe(m: Measurement): string {
  const codes = Object.entries(m.statuses).map(([c, n]) => `${c}×${n}`).join(" ");
  const stages = m.stages ? `\n    server stages p50/p99 ms: ${Object.entries(m.stages).map(([k, v]) => `${k} ${v.p50.toFixed(2)}/${v.p99.toFixed(2)}`).join(", ")}` : "";
  return `${m.label.padEnd(44)} ${m.rps.toFixed(0).padStart(7)} req/s  p50 ${m.p50.toFixed(2).padStart(7)} ms  p99 ${m.p99.toFixed(2).padStart(8)} ms  cpu ${Number.isFinite(m.cpuMsPerReq) ? m.cpuMsPerReq.toFixed(3) : "-"} ms/req (main thread ${Number.isFinite(m.mainCpuMsPerReq) ? m.mainCpuMsPerReq.toFixed(3) : "-"})  ${codes}${m.errors ? `  errors ${m.errors}` : ""}${stages}`;
}
