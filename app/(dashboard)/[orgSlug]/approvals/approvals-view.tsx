"use client";
// Decisions that need a human: ESCALATE decisions wait here with who asked,
// what exactly (the subject), why (reasons, findings, risk). Owners and admins
// approve or deny; approving yields a single-use signed intent for the agent.
import { useQuery } from "@tanstack/react-query";
import { Inbox } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Card } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { errorMessage } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";
import { formatRelative } from "@/app/_lib/utils";
import { useOrg } from "@/app/(dashboard)/_components/org-context";
import { PageHeader } from "@/app/(dashboard)/_components/page-header";
import { ApprovalDetails, DecideButtons, IntentDialog } from "@/app/(dashboard)/[orgSlug]/approvals/decide-buttons";

const STATUSES = ["pending", "approved", "denied", "used", "expired"] as const;
type Status = (typeof STATUSES)[number];

const statusVariant = (s: string) => (s === "pending" ? "warning" : s === "approved" || s === "used" ? "success" : s === "denied" ? "destructive" : "secondary");

export function ApprovalsView() {
  const trpc = useTRPC();
  const { can } = useOrg();
  const [status, setStatus] = useState<Status>("pending");
  const list = useQuery({ ...trpc.approvals.list.queryOptions({ status, limit: 100 }), refetchInterval: status === "pending" ? 5_000 : false });
  const canDecide = can("approvals.decide");
  const [issued, setIssued] = useState<Parameters<typeof IntentDialog>[0]["decision"] | null>(null);

  return (
    <>
      <PageHeader
        title="Approvals"
        description="Requests and agent actions a rule escalated to a human. Approving issues a signed intent that lets exactly that call through once, within 10 minutes; the agent retries with the x-aegis-intent header or pulls it from GET /v1/intents."
        actions={
          <Select value={status} onValueChange={(v) => setStatus(v as Status)}>
            <SelectTrigger className="w-40" aria-label="Status"><SelectValue /></SelectTrigger>
            <SelectContent>{STATUSES.map((s) => <SelectItem key={s} value={s}>{s[0]?.toUpperCase() + s.slice(1)}</SelectItem>)}</SelectContent>
          </Select>
        }
      />
      <Card>
        {list.isPending ? (
          <div className="grid gap-2 p-4" aria-busy aria-label="Loading approvals">{[0, 1, 2].map((i) => <Skeleton key={i} className="h-8 w-full" />)}</div>
        ) : list.isError ? (
          <Alert variant="destructive" className="m-4 w-auto">{errorMessage(list.error)}</Alert>
        ) : list.data.length === 0 ? (
          <EmptyState icon={Inbox} title={status === "pending" ? "Nothing waiting" : `No ${status} approvals`} description="Rules with effect ESCALATE send requests here (docs/rules.md)." />
        ) : (
          <Table aria-label="Approvals">
            <TableHeader>
              <TableRow>
                <TableHead>What</TableHead><TableHead>Agent</TableHead><TableHead>Why</TableHead><TableHead>Status</TableHead><TableHead>Asked</TableHead>
                <TableHead className="w-0"><span className="sr-only">Actions</span></TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.map((a) => (
                <TableRow key={a.id} data-testid={`approval-row-${a.id}`}>
                  <TableCell className="max-w-80"><code className="block truncate text-xs" title={a.summary}>{a.summary}</code><ApprovalDetails approval={a} /></TableCell>
                  <TableCell className="font-mono text-xs">{a.agent ?? "—"}</TableCell>
                  <TableCell className="max-w-64 truncate text-xs text-muted-foreground">{reasonLine(a.reason)}</TableCell>
                  <TableCell><Badge variant={statusVariant(a.status)}>{a.status}</Badge></TableCell>
                  <TableCell className="whitespace-nowrap text-muted-foreground">{formatRelative(a.createdAt)}</TableCell>
                  <TableCell className="whitespace-nowrap text-right">{canDecide && a.status === "pending" ? <DecideButtons approvalId={a.id} summary={a.summary} onApproved={setIssued} /> : null}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
      {issued ? <IntentDialog decision={issued} onClose={() => setIssued(null)} /> : null}
    </>
  );
}

function reasonLine(reason: unknown): string {
  const r = (reason ?? {}) as { reasons?: { rule_id?: string; message?: string }[]; risk?: number };
  const first = r.reasons?.[0];
  return [first ? `${first.rule_id ?? ""}: ${first.message ?? ""}` : null, typeof r.risk === "number" ? `risk ${r.risk}` : null].filter(Boolean).join(" · ");
}
