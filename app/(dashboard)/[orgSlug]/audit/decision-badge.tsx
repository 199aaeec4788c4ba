import { Badge, type BadgeProps } from "@/app/_components/ui/badge";

const VARIANT: Record<string, BadgeProps["variant"]> = {
  ALLOW: "success",
  MONITOR: "secondary",
  THROTTLE: "warning",
  ESCALATE: "warning",
  BLOCK: "destructive",
  KILL: "destructive",
};

/** Shadow decisions (SHADOW_BLOCK...) were recorded but not enforced: outlined. */
export function DecisionBadge({ decision }: { decision: string }) {
  const variant = decision.startsWith("SHADOW_") ? "outline" : (VARIANT[decision] ?? "secondary");
  return <Badge variant={variant} className="font-mono text-[11px]">{decision}</Badge>;
}

export const formatUs = (us: number | null | undefined) =>
  us === null || us === undefined ? "—" : us >= 1_000_000 ? `${(us / 1_000_000).toFixed(2)} s` : us >= 1000 ? `${(us / 1000).toFixed(1)} ms` : `${us} µs`;
