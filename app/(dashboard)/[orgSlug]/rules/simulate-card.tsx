"use client";
// Replays the saved draft against a pasted PolicyInput or the org's last N
// recorded requests and shows what would change before publishing.
import { useMutation } from "@tanstack/react-query";
import { FlaskConical, Loader2 } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Field, fieldProps } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { errorMessage, toFormError } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";
import { effectVariant } from "@/app/(dashboard)/[orgSlug]/rules/types";

const SAMPLE = JSON.stringify(
  { kind: "request", upstream: { name: "payments", posture: "allow_by_default" }, request: { method: "POST", path: "/v1/refunds", headers: { "content-type": "application/json" }, body: { amount: 75000 } }, agent: { id: "billing-bot", role: "support" }, findings: [], risk: 0 },
  null,
  2,
);

export function SimulateCard() {
  const trpc = useTRPC();
  const [mode, setMode] = useState<"recent" | "sample">("recent");
  const [limit, setLimit] = useState("100");
  const [sample, setSample] = useState(SAMPLE);
  const [jsonError, setJsonError] = useState<string | null>(null);
  const simulate = useMutation(trpc.rules.simulate.mutationOptions());

  function run() {
    setJsonError(null);
    if (mode === "recent") return simulate.mutate({ source: { kind: "recent", limit: Math.min(1000, Math.max(1, Number(limit) || 100)) } });
    try {
      simulate.mutate({ source: { kind: "sample", input: JSON.parse(sample) } });
    } catch (e) {
      setJsonError(`Not valid JSON: ${(e as Error).message}`);
    }
  }
  const fieldErrors = simulate.isError ? toFormError(simulate.error).fields : {};
  const firstField = Object.entries(fieldErrors)[0];
  const data = simulate.data;

  return (
    <Card>
      <CardHeader>
        <CardTitle>Simulate the draft</CardTitle>
        <CardDescription>What would change if you published now: live rules vs the saved draft. Recorded requests keep no headers or request bodies, so conditions on those do not match in a replay.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="flex gap-4 text-sm" role="radiogroup" aria-label="Simulate against">
          <label className="flex items-center gap-2"><input type="radio" checked={mode === "recent"} onChange={() => setMode("recent")} /> Last recorded requests</label>
          <label className="flex items-center gap-2"><input type="radio" checked={mode === "sample"} onChange={() => setMode("sample")} /> A sample input</label>
        </div>
        {mode === "recent" ? (
          <Field id="sim-limit" label="How many (1–1000)">
            <Input id="sim-limit" type="number" min={1} max={1000} className="w-32" value={limit} onChange={(e) => setLimit(e.target.value)} />
          </Field>
        ) : (
          <Field id="sim-sample" label="PolicyInput (JSON)" hint="kind, request or action, agent, findings, risk; see docs/rules.md" error={jsonError ?? (firstField ? `${firstField[0]}: ${firstField[1]}` : undefined)}>
            <textarea {...fieldProps("sim-sample", jsonError ?? undefined, true)} rows={10} spellCheck={false} className="w-full rounded-md border border-border bg-background p-2 font-mono text-xs" value={sample} onChange={(e) => setSample(e.target.value)} />
          </Field>
        )}
        <div><Button onClick={run} disabled={simulate.isPending}>{simulate.isPending ? <Loader2 className="animate-spin" /> : <FlaskConical />} Run simulation</Button></div>
        {simulate.isError && !firstField ? <Alert variant="destructive">{errorMessage(simulate.error)}</Alert> : null}
        {data ? (
          <div className="grid gap-3" data-testid="simulation-result">
            <div className="flex flex-wrap gap-2 text-sm">
              <Badge variant="outline">{data.summary.total} replayed</Badge>
              <Badge variant={data.summary.changed ? "warning" : "secondary"}>{data.summary.changed} would change</Badge>
              <Badge variant={data.summary.newly_blocked ? "destructive" : "secondary"}>{data.summary.newly_blocked} newly blocked</Badge>
              <Badge variant={data.summary.newly_allowed ? "success" : "secondary"}>{data.summary.newly_allowed} newly allowed</Badge>
            </div>
            {data.results.some((r) => r.changed) ? (
              <Table aria-label="Changed decisions">
                <TableHeader><TableRow><TableHead>Request</TableHead><TableHead>Live</TableHead><TableHead>Draft</TableHead><TableHead>Deciding rule</TableHead></TableRow></TableHeader>
                <TableBody>
                  {data.results.filter((r) => r.changed).map((r) => (
                    <TableRow key={r.index}>
                      <TableCell className="max-w-72 truncate font-mono text-xs" title={r.requestId ?? undefined}>{r.label}</TableCell>
                      <TableCell><Badge variant={effectVariant(r.before)}>{r.before}</Badge></TableCell>
                      <TableCell><Badge variant={effectVariant(r.after)}>{r.after}</Badge></TableCell>
                      <TableCell className="font-mono text-xs">{r.afterRule ?? "—"}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : (
              <p className="text-sm text-muted-foreground">No decision would change.{data.results.length === 1 && data.results[0] ? ` Decision: ${data.results[0].after} (${data.results[0].afterRule ?? "default"}).` : ""}</p>
            )}
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
