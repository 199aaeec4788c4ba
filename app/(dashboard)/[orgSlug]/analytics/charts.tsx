// CSS-only charts: a stacked column chart of decisions over time and
// horizontal bar lists. Enough for counts; no chart library to ship.
import { cn } from "@/app/_lib/utils";

export const DECISION_COLORS: Record<string, string> = {
  ALLOW: "bg-emerald-500",
  MONITOR: "bg-sky-500",
  THROTTLE: "bg-amber-400",
  ESCALATE: "bg-orange-500",
  BLOCK: "bg-red-500",
  KILL: "bg-red-900",
  OTHER: "bg-zinc-400",
};
export const SERIES = ["ALLOW", "MONITOR", "THROTTLE", "ESCALATE", "BLOCK", "KILL", "OTHER"] as const;

export function Legend() {
  return (
    <ul className="flex flex-wrap gap-3 text-xs text-muted-foreground" aria-label="Legend">
      {SERIES.map((s) => (
        <li key={s} className="flex items-center gap-1.5"><span className={cn("size-2.5 rounded-sm", DECISION_COLORS[s])} />{s === "OTHER" ? "Shadow / other" : s}</li>
      ))}
    </ul>
  );
}

export function DecisionColumns({ buckets, label }: { buckets: { start: Date; counts: Record<string, number>; total: number }[]; label: (d: Date) => string }) {
  const max = Math.max(1, ...buckets.map((b) => b.total));
  return (
    <div className="grid gap-1">
      <div className="flex h-48 items-end gap-[3px]" role="img" aria-label="Decisions over time">
        {buckets.map((b) => (
          <div key={b.start.toString()} className="group relative flex h-full flex-1 flex-col justify-end" title={`${label(new Date(b.start))}: ${b.total} (${SERIES.filter((s) => b.counts[s]).map((s) => `${s} ${b.counts[s]}`).join(", ") || "none"})`}>
            <div className="flex flex-col-reverse overflow-hidden rounded-t-sm" style={{ height: `${(b.total / max) * 100}%` }}>
              {SERIES.map((s) => (b.counts[s] ? <div key={s} className={DECISION_COLORS[s]} style={{ height: `${((b.counts[s] ?? 0) / b.total) * 100}%` }} /> : null))}
            </div>
            {b.total === 0 ? <div className="h-px bg-border" /> : null}
          </div>
        ))}
      </div>
      <div className="flex justify-between text-[11px] text-muted-foreground">
        <span>{buckets[0] ? label(new Date(buckets[0].start)) : ""}</span>
        <span>{buckets.at(-1) ? label(new Date(buckets.at(-1)!.start)) : ""}</span>
      </div>
    </div>
  );
}

export function BarList({ items, empty, ariaLabel }: { items: { label: string; count: number }[]; empty: string; ariaLabel: string }) {
  const max = Math.max(1, ...items.map((i) => i.count));
  if (items.length === 0) return <p className="text-sm text-muted-foreground">{empty}</p>;
  return (
    <ol className="grid gap-1.5" aria-label={ariaLabel}>
      {items.map((i) => (
        <li key={i.label} className="relative flex items-center justify-between gap-2 rounded-sm px-2 py-1 text-xs">
          <span className="absolute inset-y-0 left-0 rounded-sm bg-primary/10" style={{ width: `${(i.count / max) * 100}%` }} aria-hidden />
          <span className="relative truncate font-mono">{i.label}</span>
          <span className="relative tabular-nums">{i.count.toLocaleString("en")}</span>
        </li>
      ))}
    </ol>
  );
}
