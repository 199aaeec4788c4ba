"use client";
import { AlertTriangle } from "lucide-react";
import { CopyButton } from "@/app/_components/ui/copy-button";

/** A secret shown exactly once: monospace, selectable, with a copy button and the warning. */
export function SecretReveal({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="grid gap-2">
      <div className="flex items-center justify-between gap-2">
        <span className="text-sm font-medium">{label}</span>
        <CopyButton value={value} aria-label={`Copy ${label.toLowerCase()}`} />
      </div>
      <code
        data-testid={testId}
        className="block break-all rounded-md border border-border bg-muted px-3 py-2 font-mono text-sm select-all"
      >
        {value}
      </code>
      <p className="flex items-center gap-1.5 text-xs text-amber-800">
        <AlertTriangle className="size-3.5" />
        Copy it now: you won&apos;t see it again. Aegis stores only a hash.
      </p>
    </div>
  );
}
