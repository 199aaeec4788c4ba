"use client";
// One audit event: what was decided and why (flight record: stage timeline,
// findings with rule and location), the signed record, and the receipt that
// proves the signed log contains it, checked here in the browser.
import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { CheckCircle2, Loader2, XCircle } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { CodeBlock } from "@/app/_components/ui/code-block";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/app/_components/ui/dialog";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { errorMessage } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";
import { formatDateTime } from "@/app/_lib/utils";
import type { AppRouter } from "@/server/api/root";
import { DecisionBadge, formatUs } from "./decision-badge";
import { verifyReceipt, type TReceiptResult } from "./verify-receipt";

type TEvent = inferRouterOutputs<AppRouter>["audit"]["get"];

export function EventDrawer({ requestId, onClose }: { requestId: string | null; onClose: () => void }) {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.audit.get.queryOptions({ requestId: requestId ?? "" }), enabled: !!requestId });
  return (
    <Dialog open={!!requestId} onOpenChange={(open) => { if (!open) onClose(); }}>
      <DialogContent className="left-auto right-0 top-0 h-full max-w-2xl translate-x-0 translate-y-0 grid-cols-[minmax(0,1fr)] content-start overflow-y-auto overflow-x-hidden rounded-none">
        <DialogHeader>
          <DialogTitle>Audit event</DialogTitle>
          <DialogDescription className="break-all font-mono text-xs">{requestId}</DialogDescription>
        </DialogHeader>
        {q.isPending ? (
          <div className="grid gap-2" aria-busy aria-label="Loading event">{[0, 1, 2, 3].map((i) => <Skeleton key={i} className="h-8 w-full" />)}</div>
        ) : q.isError ? (
          <Alert variant="destructive">{errorMessage(q.error)}</Alert>
        ) : (
          <EventDetails data={q.data} />
        )}
      </DialogContent>
    </Dialog>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-2">
      <h3 className="text-sm font-semibold">{title}</h3>
      {children}
    </section>
  );
}

function EventDetails({ data }: { data: TEvent }) {
  const { summary: s, flight, signed } = data;
  const facts: [string, React.ReactNode][] = [
    ["Decision", <DecisionBadge key="d" decision={s.decision} />],
    ["Time", formatDateTime(s.ts)],
    ["Seq", s.seq],
    ["Agent", s.agent ?? "—"],
    [s.action ? "Action" : "Upstream", s.action ?? s.upstream ?? "—"],
    ["Request", flight.method || flight.path ? `${flight.method ?? ""} ${flight.path ?? ""}` : "—"],
    ["Decided by", s.stage ?? "— (allowed through)"],
    ["Risk", s.risk ?? "—"],
    ["Aegis latency", formatUs(s.latencyUs)],
    ["Credential", flight.via ?? "—"],
  ];
  return (
    <div className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-6 text-sm">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1.5">
        {facts.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-muted-foreground">{k}</dt>
            <dd className="min-w-0 break-all">{v}</dd>
          </div>
        ))}
      </dl>
      {flight.shadow ? <Alert variant="info">Shadow mode: the rules said {flight.shadow.decision} at {flight.shadow.stage ?? "—"}, but the request was let through.</Alert> : null}
      {flight.approvalId ? <Alert variant="info">Escalated for approval <code className="font-mono">{flight.approvalId}</code>.</Alert> : null}
      <StageTimeline stages={flight.stages} />
      <Section title={`Findings (${flight.findings.length})`}>
        {flight.findings.length === 0 ? (
          <p className="text-muted-foreground">{signed.event.findings.count > 0 ? `${signed.event.findings.count} finding(s) of ${signed.event.findings.types.join(", ")}; details not recorded.` : "No findings."}</p>
        ) : (
          <table className="w-full text-xs" aria-label="Findings">
            <thead className="text-left text-muted-foreground"><tr><th className="py-1 pr-2 font-medium">Rule</th><th className="pr-2 font-medium">Category</th><th className="pr-2 font-medium">Location</th><th className="text-right font-medium">Score</th></tr></thead>
            <tbody>
              {flight.findings.map((f, i) => (
                <tr key={i} className="border-t border-border">
                  <td className="py-1 pr-2 font-mono">{f.rule_id}</td>
                  <td className="pr-2">{f.category}</td>
                  <td className="break-all pr-2 font-mono">{f.location}</td>
                  <td className="text-right tabular-nums">{f.score}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {s.ruleIds.length ? <p className="text-xs text-muted-foreground">Matched rules: {s.ruleIds.map((r) => <code key={r} className="mr-1 font-mono">{r}</code>)}</p> : null}
      </Section>
      {flight.reasons.length ? <Section title="Policy reasons"><CodeBlock code={JSON.stringify(flight.reasons, null, 2)} /></Section> : null}
      {flight.degraded.length ? <Section title="Degraded"><CodeBlock code={JSON.stringify(flight.degraded, null, 2)} /></Section> : null}
      <ReceiptSection data={data} />
      <Section title="Signed record">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 font-mono text-xs">
          <dt className="font-sans text-muted-foreground">hash</dt><dd className="break-all">{signed.hash}</dd>
          <dt className="font-sans text-muted-foreground">prev_hash</dt><dd className="break-all">{signed.event.prev_hash}</dd>
          <dt className="font-sans text-muted-foreground">key_id</dt><dd className="break-all">{signed.key_id ?? "—"}</dd>
          <dt className="font-sans text-muted-foreground">signature</dt><dd className="break-all">{signed.signature ?? "—"}</dd>
        </dl>
        <CodeBlock code={JSON.stringify(signed.event, null, 2)} copyLabel="Copy body" />
      </Section>
    </div>
  );
}

function StageTimeline({ stages }: { stages: TEvent["flight"]["stages"] }) {
  const total = stages.reduce((n, st) => n + st.us, 0);
  return (
    <Section title="Stage timeline">
      {stages.length === 0 ? <p className="text-muted-foreground">No stage timings recorded.</p> : (
        <ol className="grid gap-1" aria-label="Stage timeline">
          {stages.map((st, i) => (
            <li key={i} className="grid grid-cols-[8rem_1fr_5rem] items-center gap-2 text-xs">
              <span className="truncate font-mono">{st.stage}</span>
              <span className="h-3 rounded-sm bg-muted">
                <span
                  className={st.outcome === "continue" ? "block h-3 rounded-sm bg-primary/60" : st.outcome === "error" ? "block h-3 rounded-sm bg-amber-500" : "block h-3 rounded-sm bg-red-500"}
                  style={{ width: `${Math.max(2, total ? (st.us / total) * 100 : 0)}%` }}
                  title={`${st.outcome}${st.note ? ` — ${st.note}` : ""}`}
                />
              </span>
              <span className="text-right tabular-nums">{formatUs(st.us)}</span>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

function ReceiptSection({ data }: { data: TEvent }) {
  const [result, setResult] = useState<TReceiptResult | "running" | null>(null);
  const r = data.receipt;
  if (r.status === "not_sealed") {
    return <Section title="Receipt"><Alert variant="warning">Not sealed yet: the event is recorded and signed, but no signed tree head covers it yet (latest tree size {r.latestTreeSize}). Sealing runs periodically; check again shortly.</Alert></Section>;
  }
  const { tree_head: head, inclusion_proof: proof } = r.receipt;
  async function check() {
    if (r.status !== "sealed") return;
    setResult("running");
    setResult(await verifyReceipt(r.receipt, data.keys).catch((e: unknown) => ({ ok: false as const, reason: String(e) })));
  }
  return (
    <Section title="Receipt">
      <p className="text-muted-foreground">
        Leaf {proof.leaf_index} of a signed tree of {head.tree_head.tree_size} events (signed {formatDateTime(head.tree_head.timestamp)}), proof of {proof.audit_path.length} hashes.
      </p>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 font-mono text-xs">
        <dt className="font-sans text-muted-foreground">root_hash</dt><dd className="break-all">{head.tree_head.root_hash}</dd>
        <dt className="font-sans text-muted-foreground">head key</dt><dd>{head.key_id}</dd>
      </dl>
      <div className="flex items-center gap-3">
        <Button variant="outline" size="sm" onClick={() => void check()} disabled={result === "running"}>
          {result === "running" ? <Loader2 className="animate-spin" /> : null}Verify receipt
        </Button>
        {result && result !== "running" ? (
          result.ok
            ? <Badge variant="success"><CheckCircle2 className="mr-1 size-3" />Included in the signed log</Badge>
            : <span className="flex items-center gap-1 text-xs text-destructive"><XCircle className="size-3" />{result.reason}</span>
        ) : null}
      </div>
    </Section>
  );
}
