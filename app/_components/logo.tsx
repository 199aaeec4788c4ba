import { ShieldCheck } from "lucide-react";
import Link from "next/link";
import { cn } from "@/app/_lib/utils";

export function Logo({ href = "/", className }: { href?: string; className?: string }) {
  return (
    <Link href={href} className={cn("inline-flex items-center gap-2 font-semibold tracking-tight", className)}>
      <span className="flex size-7 items-center justify-center rounded-md bg-primary text-primary-foreground">
        <ShieldCheck className="size-4" />
      </span>
      Aegis
    </Link>
  );
}
