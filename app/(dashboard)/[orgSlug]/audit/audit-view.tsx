"use client";
// The audit explorer: every decision of the org, newest first, filterable,
// with the event drawer, in-browser chain verification and exports.
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { Download, ScrollText } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { useToast } from "@/app/_components/ui/toast";
import { errorMessage } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";
import { useOrg } from "@/app/(dashboard)/_components/org-context";
import { PageHeader } from "@/app/(dashboard)/_components/page-header";
import { AuditFilters, type TFilters } from "./audit-filters";
import { DecisionBadge, formatUs } from "./decision-badge";
import { downloadText } from "./download";
import { EventDrawer } from "./event-drawer";
import { SigningKeysCard } from "./signing-keys-card";
import { useVerifyChain, VerifyChainButton, VerifyChainResult } from "./verify-chain-button";

const timeFmt = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" });

export function AuditView() {
  const trpc = useTRPC();
  const toast = useToast();
  const { can } = useOrg();
  const [filters, setFilters] = useState<TFilters>({});
  const [open, setOpen] = useState<string | null>(null);
  const verify = useVerifyChain();
  const list = useInfiniteQuery({
    ...trpc.audit.list.infiniteQueryOptions({ filters, limit: 50 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
    enabled: can("audit.read"),
  });
  const exporter = useMutation(trpc.audit.export.mutationOptions());
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  async function exportAs(format: "csv" | "json") {
    try {
      const out = await exporter.mutateAsync({ format, filters });
      downloadText(out.filename, out.content, out.contentType);
      toast(out.truncated ? `Exported the newest ${out.count.toLocaleString("en")} events (more matched)` : `Exported ${out.count.toLocaleString("en")} events`);
    } catch (err) {
      toast(errorMessage(err), "error");
    }
  }

  if (!can("audit.read")) {
    return (
      <>
        <PageHeader title="Audit trail" />
        <Alert variant="warning">Your role cannot read the audit trail. Ask an owner or admin for the analyst role.</Alert>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every gateway decision and firewall change, hashed, chained and signed with your organization's key. Open an event for its flight record and inclusion receipt; verify the chain yourself, in your browser."
        actions={
          <>
            <VerifyChainButton {...verify} />
            {can("audit.export") ? (
              <>
                <Button variant="outline" onClick={() => void exportAs("csv")} disabled={exporter.isPending}><Download />CSV</Button>
                <Button variant="outline" onClick={() => void exportAs("json")} disabled={exporter.isPending}><Download />JSON</Button>
              </>
            ) : null}
          </>
        }
      />
      <VerifyChainResult state={verify.state} onOpen={setOpen} />
      <Card>
        <AuditFilters onApply={setFilters} />
        {list.isPending ? (
          <div className="grid gap-2 p-4" aria-busy aria-label="Loading audit events">{[0, 1, 2, 3].map((i) => <Skeleton key={i} className="h-7 w-full" />)}</div>
        ) : list.isError ? (
          <Alert variant="destructive" className="m-4 w-auto">{errorMessage(list.error)}</Alert>
        ) : rows.length === 0 ? (
          <EmptyState icon={ScrollText} title="No events" description={Object.keys(filters).length ? "Nothing matches these filters." : "Send a request through the gateway and it shows up here."} />
        ) : (
          <Table aria-label="Audit events" className="text-xs">
            <TableHeader>
              <TableRow>
                <TableHead>Time</TableHead>
                <TableHead>Decision</TableHead>
                <TableHead>Agent</TableHead>
                <TableHead>Upstream / action</TableHead>
                <TableHead>Rules</TableHead>
                <TableHead className="text-right">Risk</TableHead>
                <TableHead className="text-right">Latency</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow
                  key={r.seq}
                  data-testid={`audit-row-${r.requestId}`}
                  className="cursor-pointer"
                  tabIndex={0}
                  aria-label={`Event ${r.seq}: ${r.decision}`}
                  onClick={() => setOpen(r.requestId)}
                  onKeyDown={(e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); setOpen(r.requestId); } }}
                >
                  <TableCell className="whitespace-nowrap py-1.5 tabular-nums text-muted-foreground" title={new Date(r.ts).toISOString()}>{timeFmt.format(new Date(r.ts))}</TableCell>
                  <TableCell className="py-1.5"><DecisionBadge decision={r.decision} /></TableCell>
                  <TableCell className="max-w-40 truncate py-1.5 font-mono">{r.agent ?? <span className="text-muted-foreground">—</span>}</TableCell>
                  <TableCell className="max-w-64 truncate py-1.5">
                    {r.action ? <span className="font-mono">{r.action}</span> : <><span className="font-mono">{r.upstream}</span>{r.path ? <span className="text-muted-foreground"> {r.method} {r.path}</span> : null}</>}
                  </TableCell>
                  <TableCell className="max-w-56 truncate py-1.5 font-mono">{r.ruleIds.join(", ") || <span className="text-muted-foreground">—</span>}</TableCell>
                  <TableCell className="py-1.5 text-right tabular-nums">{r.risk ?? "—"}</TableCell>
                  <TableCell className="py-1.5 text-right tabular-nums">{formatUs(r.latencyUs)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {list.hasNextPage ? (
          <div className="border-t border-border p-3 text-center">
            <Button variant="ghost" size="sm" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
              {list.isFetchingNextPage ? "Loading…" : "Load older events"}
            </Button>
          </div>
        ) : null}
      </Card>
      <SigningKeysCard />
      <EventDrawer requestId={open} onClose={() => setOpen(null)} />
    </>
  );
}
