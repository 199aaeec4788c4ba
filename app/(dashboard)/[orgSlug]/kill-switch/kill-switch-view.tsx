"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Loader2, Power, PowerOff } from "lucide-react";
import { useState } from "react";
import { useOrg } from "@/app/(dashboard)/_components/org-context";
import { PageHeader } from "@/app/(dashboard)/_components/page-header";
import { Alert, AlertDescription, AlertTitle } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/app/_components/ui/dialog";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Field, fieldProps } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { useToast } from "@/app/_components/ui/toast";
import { errorMessage, toFormError, type FormError } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";
import { formatDateTime, formatRelative } from "@/app/_lib/utils";

function useSetKillSwitch() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.killswitch.set.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.killswitch.list.queryKey() }),
    }),
  );
}

export function KillSwitchView() {
  const trpc = useTRPC();
  const { can } = useOrg();
  const list = useQuery(trpc.killswitch.list.queryOptions());
  const canWrite = can("killswitch.write");
  const orgSwitch = list.data?.find((k) => k.agent === null);
  const agents = list.data?.filter((k) => k.agent !== null) ?? [];

  return (
    <>
      <PageHeader
        title="Kill switch"
        description="The first stage of the gateway. When engaged, matching requests are refused before authentication, inspection or any upstream call. Takes effect within seconds on every gateway instance."
      />
      {list.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : list.isError ? (
        <Alert variant="destructive">{errorMessage(list.error)}</Alert>
      ) : (
        <div className="grid gap-6">
          <Card className={orgSwitch ? "border-red-300" : undefined}>
            <CardHeader>
              <CardTitle>Whole organization</CardTitle>
              <CardDescription>Stops every call through every upstream, for every key and agent.</CardDescription>
            </CardHeader>
            <CardContent className="flex flex-wrap items-center justify-between gap-4">
              {orgSwitch ? (
                <Alert variant="destructive" className="w-auto flex-1">
                  <AlertTitle>Engaged: all gateway traffic is blocked</AlertTitle>
                  <AlertDescription>
                    Since {formatDateTime(orgSwitch.engagedAt)} ({formatRelative(orgSwitch.engagedAt)}), by {orgSwitch.engagedBy}.
                  </AlertDescription>
                </Alert>
              ) : (
                <p className="flex items-center gap-2 text-sm">
                  <span className="size-2 rounded-full bg-emerald-500" aria-hidden /> Released: traffic flows through the pipeline.
                </p>
              )}
              {canWrite ? <OrgSwitchButton engaged={!!orgSwitch} /> : null}
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>Single agents</CardTitle>
              <CardDescription>Stop one misbehaving agent (by the agent name in its token) and leave the rest running.</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4">
              {canWrite ? <EngageAgentForm /> : null}
              {agents.length === 0 ? (
                <EmptyState icon={Power} title="No agent is stopped" className="py-6" />
              ) : (
                <Table aria-label="Stopped agents">
                  <TableHeader>
                    <TableRow>
                      <TableHead>Agent</TableHead>
                      <TableHead>Engaged by</TableHead>
                      <TableHead>Since</TableHead>
                      {canWrite ? <TableHead className="w-0"><span className="sr-only">Actions</span></TableHead> : null}
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {agents.map((k) => (
                      <TableRow key={k.agent}>
                        <TableCell className="font-mono text-xs">{k.agent}</TableCell>
                        <TableCell className="text-muted-foreground">{k.engagedBy}</TableCell>
                        <TableCell className="text-muted-foreground" title={formatDateTime(k.engagedAt)}>{formatRelative(k.engagedAt)}</TableCell>
                        {canWrite ? <TableCell><ReleaseAgentButton agent={k.agent ?? ""} /></TableCell> : null}
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </CardContent>
          </Card>
        </div>
      )}
    </>
  );
}

function OrgSwitchButton({ engaged }: { engaged: boolean }) {
  const { org } = useOrg();
  const toast = useToast();
  const set = useSetKillSwitch();
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={(o) => { setOpen(o); if (!o) set.reset(); }}>
      <DialogTrigger asChild>
        {engaged ? (
          <Button variant="outline"><PowerOff /> Release kill switch</Button>
        ) : (
          <Button variant="destructive"><Power /> Engage kill switch</Button>
        )}
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{engaged ? "Release the kill switch?" : `Stop all gateway traffic for ${org.name}?`}</DialogTitle>
          <DialogDescription>
            {engaged
              ? "Requests go through the full pipeline again: authentication, quotas, inspection and policy still apply."
              : "Every request to /v1/gateway is refused until you release it. Agents and clients see a documented kill-switch error."}
          </DialogDescription>
        </DialogHeader>
        {set.isError ? <Alert variant="destructive">{errorMessage(set.error)}</Alert> : null}
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)}>Cancel</Button>
          <Button
            variant={engaged ? "default" : "destructive"}
            disabled={set.isPending}
            onClick={() =>
              set.mutate(
                { engaged: !engaged, agent: null },
                { onSuccess: () => { setOpen(false); toast(engaged ? "Kill switch released" : "Kill switch engaged"); } },
              )
            }
          >
            {set.isPending ? <Loader2 className="animate-spin" /> : null}
            {engaged ? "Release" : "Engage"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

function EngageAgentForm() {
  const toast = useToast();
  const set = useSetKillSwitch();
  const [agent, setAgent] = useState("");
  const [error, setError] = useState<FormError | null>(null);
  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await set.mutateAsync({ engaged: true, agent: agent.trim() });
      toast(`Agent “${agent.trim()}” stopped`);
      setAgent("");
    } catch (err) {
      setError(toFormError(err));
    }
  }
  const fieldError = error?.fields.agent ?? (error && Object.keys(error.fields).length === 0 ? error.message : undefined);
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-start gap-2" noValidate>
      <Field id="kill-agent" label="Agent name" error={fieldError} className="min-w-64 flex-1">
        <Input {...fieldProps("kill-agent", fieldError)} placeholder="support-bot" value={agent} onChange={(e) => setAgent(e.target.value)} />
      </Field>
      <Button type="submit" variant="destructive" className="mt-5.5" disabled={set.isPending || !agent.trim()}>
        {set.isPending ? <Loader2 className="animate-spin" /> : <Power />}
        Stop agent
      </Button>
    </form>
  );
}

function ReleaseAgentButton({ agent }: { agent: string }) {
  const toast = useToast();
  const set = useSetKillSwitch();
  return (
    <Button
      variant="ghost"
      size="sm"
      aria-label={`Release ${agent}`}
      disabled={set.isPending}
      onClick={() => set.mutate({ engaged: false, agent }, { onSuccess: () => toast(`Agent “${agent}” released`), onError: (e) => toast(errorMessage(e), "error") })}
    >
      Release
    </Button>
  );
}
