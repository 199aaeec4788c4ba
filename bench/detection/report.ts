import type { BenchCase } from "./cases";
import { percentile, type Outcome } from "./evaluate";

/** Turns outcomes into the markdown tables written to bench/results/detection.md. */
export interface Row {
  name: string;
  n: number;
  flagged: number;
  p50: number;
  p99: number;
}

export function summarize(name: string, outs: Outcome[]): Row {
  const times = outs.map((o) => o.micros).sort((a, b) => a - b);
  return { name, n: outs.length, flagged: outs.filter((o) => o.flagged).length, p50: percentile(times, 50), p99: percentile(times, 99) };
}

const pct = (a: number, b: number): string => (b === 0 ? "–" : `${((100 * a) / b).toFixed(1)}%`);
const us = (x: number): string => x.toFixed(0);

export function groupBy<K extends string>(outs: Outcome[], key: (c: BenchCase) => K): Map<K, Outcome[]> {
  const m = new Map<K, Outcome[]>();
  for (const o of outs) {
    const k = key(o.c);
    const list = m.get(k) ?? [];
    list.push(o);
    m.set(k, list);
  }
  return m;
}

export function attackTable(rows: Row[], target: number): string {
  const lines = ["| category | attack cases | detected | detection rate | target ≥ " + `${target}%` + " | p50 µs | p99 µs |", "|---|---:|---:|---:|:---:|---:|---:|"];
  for (const r of rows) {
    const rate = r.n === 0 ? 0 : (100 * r.flagged) / r.n;
    lines.push(`| ${r.name} | ${r.n} | ${r.flagged} | ${pct(r.flagged, r.n)} | ${rate >= target ? "met" : "**missed**"} | ${us(r.p50)} | ${us(r.p99)} |`);
  }
  return lines.join("\n");
}

export function benignTable(rows: Row[], limit: number | null): string {
  const head = limit === null ? "| benign set | cases | flagged | false-positive rate | p50 µs | p99 µs |" : `| benign set | cases | flagged | false-positive rate | target ≤ ${limit}% | p50 µs | p99 µs |`;
  const lines = [head, limit === null ? "|---|---:|---:|---:|---:|---:|" : "|---|---:|---:|---:|:---:|---:|---:|"];
  for (const r of rows) {
    const rate = r.n === 0 ? 0 : (100 * r.flagged) / r.n;
    const verdict = limit === null ? "" : ` ${rate <= limit ? "met" : "**missed**"} |`;
    lines.push(`| ${r.name} | ${r.n} | ${r.flagged} | ${pct(r.flagged, r.n)} |${verdict} ${us(r.p50)} | ${us(r.p99)} |`);
  }
  return lines.join("\n");
}

export function familyTable(outs: Outcome[]): string {
  const lines = ["| family | channel | label | cases | flagged |", "|---|---|---|---:|---:|"];
  const groups = groupBy(outs, (c) => `${c.family}|${c.channel}|${c.label}` as string);
  for (const [k, list] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const [family, channel, label] = k.split("|");
    lines.push(`| ${family} | ${channel} | ${label} | ${list.length} | ${pct(list.filter((o) => o.flagged).length, list.length)} |`);
  }
  return lines.join("\n");
}
