"use client";
// "Verify chain": fetches the latest (up to 5,000) signed events with the org's
// public keys and checks them here, so the result does not depend on trusting
// the server's own verification.
import { useQueryClient } from "@tanstack/react-query";
import { Loader2, ShieldCheck } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { errorMessage } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";
import { verifyChain, type TChainResult } from "./verify-chain";

type TState = { kind: "idle" } | { kind: "running"; done: number } | { kind: "done"; result: TChainResult; requestIdAt: (seq: number) => string | null } | { kind: "error"; message: string };

export function useVerifyChain() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, setState] = useState<TState>({ kind: "idle" });
  async function run() {
    setState({ kind: "running", done: 0 });
    try {
      // Always fresh: a cached chain would verify stale data.
      const chain = await queryClient.fetchQuery({ ...trpc.audit.chain.queryOptions({}), staleTime: 0 });
      const result = await verifyChain(chain, { onProgress: (done) => setState({ kind: "running", done }) });
      const bySeq = new Map(chain.events.map((e) => [e.event.seq, e.event.request_id]));
      setState({ kind: "done", result, requestIdAt: (seq) => bySeq.get(seq) ?? null });
    } catch (err) {
      setState({ kind: "error", message: errorMessage(err) });
    }
  }
  return { state, run };
}

export function VerifyChainButton({ state, run }: ReturnType<typeof useVerifyChain>) {
  return (
    <Button variant="outline" onClick={() => void run()} disabled={state.kind === "running"}>
      {state.kind === "running" ? <Loader2 className="animate-spin" /> : <ShieldCheck />}
      Verify chain
    </Button>
  );
}

export function VerifyChainResult({ state, onOpen }: { state: TState; onOpen: (requestId: string) => void }) {
  if (state.kind === "idle") return null;
  if (state.kind === "running") return <Alert variant="info" className="mb-4">Verifying in your browser… {state.done ? `${state.done} events checked` : ""}</Alert>;
  if (state.kind === "error") return <Alert variant="destructive" className="mb-4">Could not load the chain: {state.message}</Alert>;
  const r = state.result;
  if (r.ok) {
    return (
      <Alert variant="success" className="mb-4" data-testid="verify-result">
        {r.checked === 0
          ? "Nothing to verify yet: the trail is empty."
          : `Chain verified in your browser: ${r.checked} events (seq ${r.fromSeq}–${r.toSeq}) — every hash recomputed (SHA-256 of RFC 8785 JSON), prev_hash links and gapless seq checked, and every Ed25519 signature valid (${r.signatures === "webcrypto" ? "WebCrypto" : "@noble/ed25519"}).`}
      </Alert>
    );
  }
  const requestId = state.requestIdAt(r.seq);
  return (
    <Alert variant="destructive" className="mb-4" data-testid="verify-result">
      <p className="font-medium">Chain broken at seq {r.seq} ({r.code}).</p>
      <p>{r.reason}. {r.checked} events before it verified.</p>
      {requestId ? <Button variant="link" className="h-auto p-0 text-red-900 underline" onClick={() => onOpen(requestId)}>Open event {r.seq}</Button> : null}
    </Alert>
  );
}
