"use client";
// Detector tuning: paranoia level, detector switches, DLP and redaction, and
// posture, for the whole org and, as overrides, per upstream. Owners and
// admins edit (rules.write); analysts and viewers read.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Label } from "@/app/_components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { errorMessage } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";
import { useOrg } from "@/app/(dashboard)/_components/org-context";
import { PageHeader } from "@/app/(dashboard)/_components/page-header";
import { ScopeSettings } from "./scope-settings";

export function InspectionView() {
  const trpc = useTRPC();
  const { can } = useOrg();
  const q = useQuery(trpc.inspection.settings.queryOptions());
  const [scopeId, setScopeId] = useState("org");
  const upstream = q.data?.upstreams.find((u) => u.id === scopeId);
  const overridden = (u: NonNullable<typeof upstream>) => Object.keys(u.patch as object).length > 0 || u.posture !== null;

  return (
    <>
      <PageHeader
        title="Inspection"
        description="Which detectors look at requests, how aggressively, and what counts as a data leak. Every finding in the audit trail names the rule that produced it and where in the request it was."
        actions={
          q.data ? (
            <div className="flex items-center gap-2">
              <Label htmlFor="inspection-scope" className="text-muted-foreground">Scope</Label>
              <Select value={scopeId} onValueChange={setScopeId}>
                <SelectTrigger id="inspection-scope" className="w-56"><SelectValue /></SelectTrigger>
                <SelectContent>
                  <SelectItem value="org">Organization defaults</SelectItem>
                  {q.data.upstreams.map((u) => <SelectItem key={u.id} value={u.id}>{`Upstream: ${u.name}${overridden(u) ? " (overrides)" : ""}`}</SelectItem>)}
                </SelectContent>
              </Select>
            </div>
          ) : null
        }
      />
      {q.isPending ? (
        <div className="grid gap-3" aria-busy aria-label="Loading inspection settings">{[0, 1, 2].map((i) => <Skeleton key={i} className="h-16 w-full" />)}</div>
      ) : q.isError ? (
        <Alert variant="destructive">{errorMessage(q.error)}</Alert>
      ) : upstream ? (
        <ScopeSettings key={upstream.id} data={q.data} scope={{ kind: "upstream", id: upstream.id, name: upstream.name }} readOnly={!can("rules.write")} />
      ) : (
        <ScopeSettings key="org" data={q.data} scope={{ kind: "org" }} readOnly={!can("rules.write")} />
      )}
    </>
  );
}
