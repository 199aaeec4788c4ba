"use client";
import { useQuery } from "@tanstack/react-query";
import { Gauge } from "lucide-react";
import { QuotaDialog, type Quota } from "@/app/(dashboard)/[orgSlug]/quotas/quota-dialog";
import { useOrg } from "@/app/(dashboard)/_components/org-context";
import { PageHeader } from "@/app/(dashboard)/_components/page-header";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { errorMessage } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";

const num = (n: number | null) => (n === null ? <span className="text-muted-foreground">No limit</span> : n.toLocaleString("en"));
const usd = (n: number | null) =>
  n === null ? <span className="text-muted-foreground">No limit</span> : n.toLocaleString("en", { style: "currency", currency: "USD" });

export function QuotasView() {
  const trpc = useTRPC();
  const { can } = useOrg();
  const quotas = useQuery(trpc.quotas.list.queryOptions());
  const canWrite = can("quotas.write");
  const rows: Quota[] = quotas.data ?? [];
  const hasOrgRow = rows.some((q) => q.agent === null);

  return (
    <>
      <PageHeader
        title="Quotas"
        description="Rate and spend limits checked before inspection. Organization-wide limits apply to all traffic; agent limits apply on top, to one agent."
        actions={
          canWrite ? (
            <>
              {!hasOrgRow && quotas.isSuccess ? <QuotaDialog quota={null} scope="org" trigger={<Button variant="outline">Set organization limits</Button>} /> : null}
              <QuotaDialog quota={null} scope="agent" trigger={<Button>Add agent limits</Button>} />
            </>
          ) : null
        }
      />
      <Card>
        {quotas.isPending ? (
          <div className="grid gap-2 p-4" aria-busy aria-label="Loading quotas">
            {[0, 1].map((i) => <Skeleton key={i} className="h-8 w-full" />)}
          </div>
        ) : quotas.isError ? (
          <Alert variant="destructive" className="m-4 w-auto">{errorMessage(quotas.error)}</Alert>
        ) : rows.length === 0 ? (
          <EmptyState
            icon={Gauge}
            title="No quotas"
            description="Without limits a looping agent can call an upstream as fast as it likes. Start with an organization-wide rate."
            action={canWrite ? <QuotaDialog quota={null} scope="org" trigger={<Button>Set organization limits</Button>} /> : null}
          />
        ) : (
          <Table aria-label="Quotas">
            <TableHeader>
              <TableRow>
                <TableHead>Scope</TableHead>
                <TableHead className="text-right">Requests / s</TableHead>
                <TableHead className="text-right">Burst</TableHead>
                <TableHead className="text-right">Per day</TableHead>
                <TableHead className="text-right">Per month</TableHead>
                <TableHead className="text-right">Spend / month</TableHead>
                {canWrite ? <TableHead className="w-0"><span className="sr-only">Actions</span></TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((q) => (
                <TableRow key={q.agent ?? "(org)"}>
                  <TableCell>
                    {q.agent === null ? <Badge variant="secondary">Organization</Badge> : <code className="font-mono text-xs">{q.agent}</code>}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{num(q.requestsPerSecond)}</TableCell>
                  <TableCell className="text-right tabular-nums">{num(q.burst)}</TableCell>
                  <TableCell className="text-right tabular-nums">{num(q.dailyRequests)}</TableCell>
                  <TableCell className="text-right tabular-nums">{num(q.monthlyRequests)}</TableCell>
                  <TableCell className="text-right tabular-nums">{usd(q.monthlyCostUsd)}</TableCell>
                  {canWrite ? (
                    <TableCell>
                      <QuotaDialog
                        quota={q}
                        scope={q.agent === null ? "org" : "agent"}
                        trigger={<Button variant="ghost" size="sm" aria-label={`Edit limits for ${q.agent ?? "organization"}`}>Edit</Button>}
                      />
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </>
  );
}
