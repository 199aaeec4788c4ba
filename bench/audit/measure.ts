/**
 * Timing helper for the audit benches: wall time and process CPU time side by side,
 * because the bench machine is shared and wall time alone overstates the cost.
 */
import os from "node:os";

export type TMeasurement = { name: string; n: number; wallMs: number; cpuMs: number };

export function measure(name: string, n: number, fn: () => void): TMeasurement {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { name, n, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

export async function measureAsync(name: string, n: number, fn: () => Promise<void>): Promise<TMeasurement> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { name, n, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

export function row(m: TMeasurement, baseline?: string): string {
  const perSec = Math.round((m.n / m.wallMs) * 1000).toLocaleString("en-US");
  const perSecCpu = Math.round((m.n / m.cpuMs) * 1000).toLocaleString("en-US");
  return `| ${m.name} | ${m.n.toLocaleString("en-US")} | ${(m.wallMs / 1000).toFixed(2)} s | ${(m.cpuMs / 1000).toFixed(2)} s | ${perSec}/s | ${perSecCpu}/s | ${baseline ?? ""} |`;
}

export const TABLE_HEADER = "| measurement | n | wall | cpu | per s (wall) | per s (cpu) | target |\n|---|---:|---:|---:|---:|---:|---|";

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? "unknown cpu"} x${cpus.length}, node ${process.version}, load average at start ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")}`;
}
