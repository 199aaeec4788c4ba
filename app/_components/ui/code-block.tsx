import { CopyButton } from "@/app/_components/ui/copy-button";
import { cn } from "@/app/_lib/utils";

export function CodeBlock({ code, className, copyLabel = "Copy" }: { code: string; className?: string; copyLabel?: string }) {
  return (
    <div className={cn("relative rounded-md border border-border bg-zinc-950 text-zinc-100", className)}>
      <div className="absolute right-2 top-2">
        <CopyButton value={code} label={copyLabel} className="border-zinc-700 bg-zinc-900 text-zinc-100 hover:bg-zinc-800" />
      </div>
      <pre className="overflow-x-auto p-4 pr-24 font-mono text-xs leading-relaxed">{code}</pre>
    </div>
  );
}
