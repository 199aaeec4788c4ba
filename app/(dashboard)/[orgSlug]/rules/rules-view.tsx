"use client";
// The rule editor: the draft (owner/admin edit; analysts and viewers read), a
// publish button with the diff, simulation, version history with rollback and
// the org's own OPA policy.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, ShieldCheck } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { useToast } from "@/app/_components/ui/toast";
import { errorMessage } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";
import { formatDateTime } from "@/app/_lib/utils";
import { useOrg } from "@/app/(dashboard)/_components/org-context";
import { PageHeader } from "@/app/(dashboard)/_components/page-header";
import { CustomPolicyCard } from "@/app/(dashboard)/[orgSlug]/rules/custom-policy-card";
import { PublishDialog } from "@/app/(dashboard)/[orgSlug]/rules/publish-dialog";
import { diffSummary } from "@/app/(dashboard)/[orgSlug]/rules/rule-diff";
import { RuleEditorDialog } from "@/app/(dashboard)/[orgSlug]/rules/rule-editor-dialog";
import { SimulateCard } from "@/app/(dashboard)/[orgSlug]/rules/simulate-card";
import { describeWhen, effectVariant, type RuleOut } from "@/app/(dashboard)/[orgSlug]/rules/types";
import { VersionsCard } from "@/app/(dashboard)/[orgSlug]/rules/versions-card";
import type { TRule } from "@/server/policy/rule-schema";

export function RulesView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const { can } = useOrg();
  const canWrite = can("rules.write");
  const draft = useQuery(trpc.rules.draft.queryOptions());
  // null: closed; "new": adding; otherwise the rule being edited.
  const [editing, setEditing] = useState<RuleOut | "new" | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.rules.draft.queryKey() });
  const save = useMutation(trpc.rules.saveDraft.mutationOptions({ onSuccess: invalidate }));
  const discard = useMutation(trpc.rules.discardDraft.mutationOptions({ onSuccess: async () => { await invalidate(); toast("Draft discarded"); } }));

  function saveRule(rule: TRule, originalId: string | null) {
    const rules = draft.data?.rules ?? [];
    const next = originalId ? rules.map((r) => (r.id === originalId ? rule : r)) : [...rules, rule];
    save.mutate({ rules: next }, { onSuccess: () => { setEditing(null); toast(`Rule “${rule.id}” saved to the draft`); } });
  }
  function removeRule(id: string) {
    save.mutate({ rules: (draft.data?.rules ?? []).filter((r) => r.id !== id) }, { onSuccess: () => toast(`Rule “${id}” removed from the draft`) });
  }

  const d = draft.data;
  const changes = d ? d.diff.added.length + d.diff.removed.length + d.diff.changed.length : 0;
  return (
    <>
      <PageHeader
        title="Rules"
        description="Your rules decide, with the platform baselines and risk thresholds, what the gateway allows, watches, throttles, escalates or blocks. Edit a draft, simulate it, then publish."
        actions={d && can("rules.publish") ? <PublishDialog draft={d} /> : null}
      />
      <div className="grid gap-6">
        <Card>
          <CardHeader className="flex-row items-start justify-between gap-4">
            <div className="grid gap-1">
              <CardTitle>Draft</CardTitle>
              <CardDescription>
                {d ? (
                  <>Based on {d.liveVersion ? `live v${d.liveVersion}` : "no published version"}.{" "}
                    {changes ? <Badge variant="warning">Unpublished: {diffSummary(d.diff)}</Badge> : <span>Same as live.</span>}
                    {d.updatedAt ? <span className="ml-2 text-xs">Saved {formatDateTime(d.updatedAt)}</span> : null}
                  </>
                ) : "Loading…"}
              </CardDescription>
            </div>
            {canWrite ? (
              <div className="flex gap-2">
                {d?.hasDraft ? <Button variant="ghost" size="sm" onClick={() => discard.mutate()} disabled={discard.isPending}>Discard draft</Button> : null}
                <Button size="sm" onClick={() => { save.reset(); setEditing("new"); }}><Plus /> Add rule</Button>
              </div>
            ) : null}
          </CardHeader>
          <CardContent className="p-0">
            {draft.isPending ? (
              <div className="grid gap-2 p-4" aria-busy aria-label="Loading rules">{[0, 1, 2].map((i) => <Skeleton key={i} className="h-8 w-full" />)}</div>
            ) : draft.isError ? (
              <Alert variant="destructive" className="m-4 w-auto">{errorMessage(draft.error)}</Alert>
            ) : draft.data.rules.length === 0 ? (
              <EmptyState icon={ShieldCheck} title="No rules yet" description="Without rules, the platform baselines, risk thresholds and your posture decide." action={canWrite ? <Button onClick={() => setEditing("new")}><Plus /> Add rule</Button> : null} />
            ) : (
              <Table aria-label="Draft rules">
                <TableHeader>
                  <TableRow>
                    <TableHead>Rule</TableHead><TableHead>Effect</TableHead><TableHead>Priority</TableHead><TableHead>When</TableHead>
                    {canWrite ? <TableHead className="w-0"><span className="sr-only">Actions</span></TableHead> : null}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {draft.data.rules.map((r) => (
                    <TableRow key={r.id} data-testid={`rule-row-${r.id}`}>
                      <TableCell>
                        <div className="font-mono text-xs font-medium">{r.id}</div>
                        {r.name ? <div className="text-xs text-muted-foreground">{r.name}</div> : null}
                      </TableCell>
                      <TableCell className="whitespace-nowrap">
                        <Badge variant={effectVariant(r.effect)}>{r.effect}</Badge>
                        {r.shadow ? <Badge variant="outline" className="ml-1">shadow</Badge> : null}
                        {!r.enabled ? <Badge variant="outline" className="ml-1">disabled</Badge> : null}
                      </TableCell>
                      <TableCell className="text-muted-foreground">{r.priority}</TableCell>
                      <TableCell className="max-w-96 truncate font-mono text-xs text-muted-foreground" title={describeWhen(r.when)}>{describeWhen(r.when)}</TableCell>
                      {canWrite ? (
                        <TableCell className="whitespace-nowrap text-right">
                          <Button variant="ghost" size="sm" onClick={() => { save.reset(); setEditing(r); }}>Edit</Button>
                          <Button variant="ghost" size="sm" className="text-destructive hover:text-destructive" onClick={() => removeRule(r.id)} disabled={save.isPending} aria-label={`Remove ${r.id}`}>Remove</Button>
                        </TableCell>
                      ) : null}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            {save.isError && editing === null ? <Alert variant="destructive" className="m-4 w-auto">{errorMessage(save.error)}</Alert> : null}
          </CardContent>
        </Card>
        {canWrite ? <SimulateCard /> : null}
        <VersionsCard />
        <CustomPolicyCard />
      </div>
      {editing !== null ? (
        <RuleEditorDialog
          key={editing === "new" ? "new" : editing.id}
          open
          rule={editing === "new" ? null : editing}
          onOpenChange={(o) => { if (!o) setEditing(null); }}
          onSave={saveRule}
          saving={save.isPending}
          serverError={save.isError ? errorMessage(save.error) : null}
        />
      ) : null}
    </>
  );
}
