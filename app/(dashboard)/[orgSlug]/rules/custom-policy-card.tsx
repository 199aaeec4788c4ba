"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Loader2 } from "lucide-react";
import { useRef, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { useToast } from "@/app/_components/ui/toast";
import { errorMessage } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";
import { formatDateTime } from "@/app/_lib/utils";
import { useOrg } from "@/app/(dashboard)/_components/org-context";

const MAX_BYTES = 2 * 1024 * 1024;

function toBase64(bytes: ArrayBuffer): string {
  let binary = "";
  const view = new Uint8Array(bytes);
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The org's own OPA policy (wasm, entrypoint aegis/decision): evaluated after the platform policy, can only tighten. */
export function CustomPolicyCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const { can } = useOrg();
  const input = useRef<HTMLInputElement>(null);
  const [tooBig, setTooBig] = useState<string | null>(null);
  const current = useQuery(trpc.rules.customPolicy.queryOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.rules.customPolicy.queryKey() });
  const upload = useMutation(trpc.rules.uploadCustomPolicy.mutationOptions({ onSuccess: async () => { await invalidate(); toast("Custom policy uploaded; live within 5 seconds"); } }));
  const remove = useMutation(trpc.rules.removeCustomPolicy.mutationOptions({ onSuccess: async () => { await invalidate(); toast("Custom policy removed"); } }));

  async function onFile(e: React.ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    upload.reset();
    setTooBig(file.size > MAX_BYTES ? `${file.name} is ${(file.size / 1048576).toFixed(1)} MiB; the limit is 2 MiB` : null);
    if (file.size > MAX_BYTES) return;
    upload.mutate({ wasmBase64: toBase64(await file.arrayBuffer()) });
  }
  const canPublish = can("rules.publish");
  const error = upload.error ?? remove.error;

  return (
    <Card>
      <CardHeader>
        <CardTitle>Your own policy (OPA)</CardTitle>
        <CardDescription>Upload a compiled OPA policy (opa build -t wasm -e aegis/decision, at most 2 MiB). It runs after the platform policy and can only tighten decisions.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {current.isError ? <Alert variant="destructive">{errorMessage(current.error)}</Alert> : null}
        {current.data ? (
          <p className="text-sm">Active: <code className="text-xs">{current.data.sha256.slice(0, 16)}…</code> · {(current.data.bytes / 1024).toFixed(0)} KiB · uploaded {formatDateTime(current.data.createdAt)}</p>
        ) : current.isSuccess ? (
          <p className="text-sm text-muted-foreground">No custom policy.</p>
        ) : null}
        {tooBig || error ? <Alert variant="destructive">{tooBig ?? errorMessage(error)}</Alert> : null}
        {canPublish ? (
          <div className="flex gap-2">
            <input ref={input} type="file" accept=".wasm,application/wasm" className="hidden" aria-label="Policy wasm file" onChange={onFile} />
            <Button variant="outline" onClick={() => input.current?.click()} disabled={upload.isPending}>
              {upload.isPending ? <Loader2 className="animate-spin" /> : null}
              {current.data ? "Replace policy…" : "Upload policy…"}
            </Button>
            {current.data ? <Button variant="ghost" className="text-destructive" onClick={() => remove.mutate()} disabled={remove.isPending}>Remove</Button> : null}
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
