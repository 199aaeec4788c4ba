import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Out = inferRouterOutputs<AppRouter>["rules"];
export type DraftOut = Out["draft"];
export type RuleOut = DraftOut["rules"][number];
export type DiffOut = DraftOut["diff"];
export type SimulationOut = Out["simulate"];

export const EFFECTS = ["ALLOW", "MONITOR", "THROTTLE", "ESCALATE", "BLOCK"] as const;

export function effectVariant(effect: string): "success" | "secondary" | "warning" | "destructive" | "outline" {
  if (effect === "ALLOW") return "success";
  if (effect === "MONITOR") return "secondary";
  if (effect === "BLOCK") return "destructive";
  return "warning";
}

/** One line for a rule's conditions, e.g. "methods POST · paths /admin/**". */
export function describeWhen(when: Record<string, unknown>): string {
  const parts = Object.entries(when).map(([k, v]) => `${k} ${Array.isArray(v) ? v.map((x) => (typeof x === "string" ? x : JSON.stringify(x))).join(", ") : typeof v === "string" ? v : JSON.stringify(v)}`);
  return parts.length ? parts.join(" · ") : "always";
}
