"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Loader2 } from "lucide-react";
import { useState } from "react";
import { DEGRADED_MODES, degradedModeInfo, SHADOW_MODE_TEXT, type DegradedModeValue } from "@/app/(dashboard)/_components/modes";
import { useOrg } from "@/app/(dashboard)/_components/org-context";
import { PageHeader } from "@/app/(dashboard)/_components/page-header";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Field, fieldProps } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { Switch } from "@/app/_components/ui/switch";
import { useToast } from "@/app/_components/ui/toast";
import { errorMessage, toFormError, type FormError } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";

function useUpdateOrg() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.org.update.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.org.current.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() }),
        ]),
    }),
  );
}

export function SettingsView() {
  const { org, can } = useOrg();
  const canUpdate = can("org.update");
  return (
    <>
      <PageHeader title="Settings" description="How this organization is named and how the firewall behaves when things go wrong." />
      {!canUpdate ? (
        <Alert variant="info" className="mb-6">Your role ({org.role}) can view these settings but not change them.</Alert>
      ) : null}
      <div className="grid gap-6">
        <NameCard disabled={!canUpdate} />
        <ShadowModeCard disabled={!canUpdate} />
        <DegradedModeCard disabled={!canUpdate} />
      </div>
    </>
  );
}

function NameCard({ disabled }: { disabled: boolean }) {
  const { org } = useOrg();
  const toast = useToast();
  const update = useUpdateOrg();
  const [name, setName] = useState(org.name);
  const [error, setError] = useState<FormError | null>(null);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await update.mutateAsync({ name });
      toast("Organization renamed");
    } catch (err) {
      setError(toFormError(err));
    }
  }

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate>
        <CardHeader>
          <CardTitle>General</CardTitle>
          <CardDescription>The URL slug <code className="font-mono">{org.slug}</code> stays the same when you rename.</CardDescription>
        </CardHeader>
        <CardContent className="grid max-w-md gap-3">
          {error && Object.keys(error.fields).length === 0 ? <Alert variant="destructive">{error.message}</Alert> : null}
          <Field id="org-name" label="Organization name" error={error?.fields.name}>
            <Input {...fieldProps("org-name", error?.fields.name)} value={name} disabled={disabled} onChange={(e) => setName(e.target.value)} />
          </Field>
        </CardContent>
        <CardFooter className="justify-end">
          <Button type="submit" disabled={disabled || update.isPending || name.trim() === org.name}>
            {update.isPending ? <Loader2 className="animate-spin" /> : null}
            Save
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}

function ShadowModeCard({ disabled }: { disabled: boolean }) {
  const { org } = useOrg();
  const toast = useToast();
  const update = useUpdateOrg();
  return (
    <Card>
      <CardHeader>
        <CardTitle>Shadow mode</CardTitle>
        <CardDescription>{SHADOW_MODE_TEXT}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <div className="flex items-center gap-3">
          <Switch
            id="shadow-mode"
            checked={org.shadowMode}
            disabled={disabled || update.isPending}
            onCheckedChange={(shadowMode) =>
              update.mutate(
                { shadowMode },
                { onSuccess: () => toast(shadowMode ? "Shadow mode on: nothing is blocked" : "Shadow mode off: decisions are enforced") },
              )
            }
          />
          <Label htmlFor="shadow-mode">Shadow mode (observe only, never block)</Label>
        </div>
        <p className="text-sm text-muted-foreground">
          {org.shadowMode
            ? "On: requests that would be blocked are allowed and marked “shadow” in the audit trail."
            : "Off: the gateway enforces its decisions."}
        </p>
        {update.isError ? <Alert variant="destructive">{errorMessage(update.error)}</Alert> : null}
      </CardContent>
    </Card>
  );
}

function DegradedModeCard({ disabled }: { disabled: boolean }) {
  const { org } = useOrg();
  const toast = useToast();
  const update = useUpdateOrg();
  const current = degradedModeInfo(org.degradedMode);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Degraded mode</CardTitle>
        <CardDescription>
          What the gateway does when one of its dependencies fails. Aegis never fails open silently: whichever you pick, every
          request handled in degraded mode is recorded as such.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid max-w-xl gap-3">
        <div className="grid gap-1.5">
          <Label htmlFor="degraded-mode">When a check is unavailable</Label>
          <Select
            value={org.degradedMode}
            disabled={disabled || update.isPending}
            onValueChange={(v) =>
              update.mutate({ degradedMode: v as DegradedModeValue }, { onSuccess: () => toast(`Degraded mode: ${degradedModeInfo(v).short}`) })
            }
          >
            <SelectTrigger id="degraded-mode" aria-describedby="degraded-mode-description">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {DEGRADED_MODES.map((m) => <SelectItem key={m.value} value={m.value}>{m.label}</SelectItem>)}
            </SelectContent>
          </Select>
        </div>
        <p id="degraded-mode-description" className="text-sm text-muted-foreground">{current.description}</p>
        {update.isError ? <Alert variant="destructive">{errorMessage(update.error)}</Alert> : null}
      </CardContent>
    </Card>
  );
}
