"use client";
// Decisions over the last 24 hours or 7 days, computed in the database from the
// audit trail: counts per hour/day by decision, top rules, agents and
// upstreams, and Aegis' own latency percentiles for gateway requests.
import { useQuery } from "@tanstack/react-query";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { errorMessage } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";
import { PageHeader } from "@/app/(dashboard)/_components/page-header";
import { formatUs } from "@/app/(dashboard)/[orgSlug]/audit/decision-badge";
import { BarList, DecisionColumns, DECISION_COLORS, Legend, SERIES } from "./charts";
import { useState } from "react";

const hourFmt = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit" });
const dayFmt = new Intl.DateTimeFormat("en", { month: "short", day: "numeric" });

function Stat({ label, value, hint }: { label: string; value: React.ReactNode; hint?: string }) {
  return (
    <Card className="p-4">
      <p className="text-xs uppercase tracking-wide text-muted-foreground">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums">{value}</p>
      {hint ? <p className="mt-0.5 text-xs text-muted-foreground">{hint}</p> : null}
    </Card>
  );
}

export function AnalyticsView() {
  const trpc = useTRPC();
  const [range, setRange] = useState<"24h" | "7d">("24h");
  const q = useQuery({ ...trpc.analytics.summary.queryOptions({ range }), refetchInterval: 30_000 });
  const d = q.data;
  const denied = d ? (d.totals.BLOCK ?? 0) + (d.totals.KILL ?? 0) : 0;

  return (
    <>
      <PageHeader
        title="Analytics"
        description="What the firewall decided, computed from the signed audit trail."
        actions={
          <div className="flex rounded-md border border-border p-0.5" role="group" aria-label="Range">
            {(["24h", "7d"] as const).map((r) => (
              <Button key={r} size="sm" variant={range === r ? "secondary" : "ghost"} aria-pressed={range === r} onClick={() => setRange(r)}>
                {r === "24h" ? "Last 24 hours" : "Last 7 days"}
              </Button>
            ))}
          </div>
        }
      />
      {q.isPending ? (
        <div className="grid gap-4" aria-busy aria-label="Loading analytics"><Skeleton className="h-24 w-full" /><Skeleton className="h-64 w-full" /></div>
      ) : q.isError ? (
        <Alert variant="destructive">{errorMessage(q.error)}</Alert>
      ) : d ? (
        <div className="grid gap-4">
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Stat label="Events" value={d.total.toLocaleString("en")} />
            <Stat label="Blocked or killed" value={denied.toLocaleString("en")} hint={d.total ? `${((denied / d.total) * 100).toFixed(1)}% of events` : undefined} />
            <Stat label="p50 Aegis latency" value={formatUs(d.latency.p50Us)} hint={`${d.latency.requests.toLocaleString("en")} gateway requests`} />
            <Stat label="p95 Aegis latency" value={formatUs(d.latency.p95Us)} />
          </div>
          <Card>
            <CardHeader>
              <CardTitle>Decisions per {d.unit}</CardTitle>
              <CardDescription>UTC {d.unit === "hour" ? "hours" : "days"}; hover a column for its counts.</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-3">
              <DecisionColumns buckets={d.buckets} label={(t) => (d.unit === "hour" ? hourFmt.format(t) : dayFmt.format(t))} />
              <Legend />
              <table className="w-full text-xs" aria-label="Decision totals">
                <tbody className="flex flex-wrap gap-x-6 gap-y-1">
                  {Object.entries(d.totals).sort((a, b) => b[1] - a[1]).map(([decision, n]) => (
                    <tr key={decision} className="flex items-center gap-1.5">
                      <td><span className={`inline-block size-2.5 rounded-sm ${DECISION_COLORS[(SERIES as readonly string[]).includes(decision) ? decision : "OTHER"]}`} /></td>
                      <td className="font-mono">{decision}</td>
                      <td className="tabular-nums text-muted-foreground">{n.toLocaleString("en")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </CardContent>
          </Card>
          <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
            <Card>
              <CardHeader><CardTitle>Top rules</CardTitle><CardDescription>Policy rules that matched most often.</CardDescription></CardHeader>
              <CardContent><BarList ariaLabel="Top rules" items={d.topRules.map((r) => ({ label: r.ruleId, count: r.count }))} empty="No rule matched." /></CardContent>
            </Card>
            <Card>
              <CardHeader><CardTitle>Top detections</CardTitle><CardDescription>Detectors that found something, per finding.</CardDescription></CardHeader>
              <CardContent><BarList ariaLabel="Top detections" items={d.topDetections.map((r) => ({ label: r.ruleId, count: r.count }))} empty="No findings." /></CardContent>
            </Card>
            <Card>
              <CardHeader><CardTitle>Top agents</CardTitle><CardDescription>By number of events.</CardDescription></CardHeader>
              <CardContent><BarList ariaLabel="Top agents" items={d.topAgents.map((r) => ({ label: r.agent, count: r.count }))} empty="No agent identified." /></CardContent>
            </Card>
            <Card>
              <CardHeader><CardTitle>Top upstreams</CardTitle><CardDescription>Where traffic went.</CardDescription></CardHeader>
              <CardContent><BarList ariaLabel="Top upstreams" items={d.topUpstreams.map((r) => ({ label: r.upstream, count: r.count }))} empty="No gateway traffic." /></CardContent>
            </Card>
          </div>
        </div>
      ) : null}
    </>
  );
}
