// One autocannon run → requests/s, exact p50/p99 (from every response's own
// timing, sub-millisecond), autocannon's p99 (corrected for coordinated
// omission when a fixed rate is set), status codes and the server's CPU.
import autocannon from "autocannon";
import { cpuSeconds } from "./processes";

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
  /** Server CPU milliseconds per answered request. */
  cpuMsPerReq: number;
  rate?: number;
  connections: number;
}

const pct = (sorted: Float64Array, q: number) => (sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number) : NaN);

export async function measure(s: Scenario): Promise<Measurement> {
  const latencies: number[] = [];
  const cpu0 = s.serverPids ? cpuSeconds(s.serverPids) : NaN;
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
  const cpu1 = s.serverPids ? cpuSeconds(s.serverPids) : NaN;
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
    cpuMsPerReq: answered ? ((cpu1 - cpu0) * 1000) / answered : NaN,
    rate: s.rate,
    connections: s.connections,
  };
}

export function describe(m: Measurement): string {
  const codes = Object.entries(m.statuses).map(([c, n]) => `${c}×${n}`).join(" ");
  return `${m.label.padEnd(44)} ${m.rps.toFixed(0).padStart(7)} req/s  p50 ${m.p50.toFixed(2).padStart(7)} ms  p99 ${m.p99.toFixed(2).padStart(8)} ms  cpu ${Number.isFinite(m.cpuMsPerReq) ? m.cpuMsPerReq.toFixed(3) : "-"} ms/req  ${codes}${m.errors ? `  errors ${m.errors}` : ""}`;
}
