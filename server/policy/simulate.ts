// "What would this draft change?" Replays recorded inputs against the current and the draft rule
// sets on two throwaway instances (the engine's per-org cache is not touched).
import type { PolicyEngine } from "./engine";
import type { TRule } from "./rule-schema";
import type { PolicyInput, PolicyResult, TPolicyDecision } from "./types";

export type SimulationItem = {
  index: number;
  before: TPolicyDecision;
  after: TPolicyDecision;
  changed: boolean;
  before_result: PolicyResult;
  after_result: PolicyResult;
};

export type SimulationSummary = {
  total: number;
  /** Was not BLOCK, becomes BLOCK. */
  newly_blocked: number;
  /** Was not ALLOW, becomes ALLOW. */
  newly_allowed: number;
  /** Any decision change (includes the two above). */
  changed: number;
};

export type Simulation = { results: SimulationItem[]; summary: SimulationSummary };

export function simulateRules(
  engine: PolicyEngine,
  inputs: readonly PolicyInput[],
  current: readonly TRule[],
  draft: readonly TRule[],
): Simulation {
  const before = engine.bind(current);
  const after = engine.bind(draft);
  const summary: SimulationSummary = { total: inputs.length, newly_blocked: 0, newly_allowed: 0, changed: 0 };
  const results = inputs.map((input, index): SimulationItem => {
    const b = before.evaluate(input);
    const a = after.evaluate(input);
    const changed = b.decision !== a.decision;
    if (changed) summary.changed++;
    if (changed && a.decision === "BLOCK") summary.newly_blocked++;
    if (changed && a.decision === "ALLOW") summary.newly_allowed++;
    return { index, before: b.decision, after: a.decision, changed, before_result: b, after_result: a };
  });
  return { results, summary };
}
