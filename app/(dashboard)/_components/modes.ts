// How the org's protection modes read in the UI. The gateway decides what
// they do; these words must stay true to it.
export const DEGRADED_MODES = [
  {
    value: "block_all",
    label: "Fail closed: block everything",
    short: "Fail closed",
    description: "While a check cannot run (policy engine, quota store or inspection unavailable), every request is blocked. Safest; your agents stop until Aegis recovers.",
  },
  {
    value: "block_high_risk",
    label: "Block high-risk only",
    short: "Block high-risk",
    description: "Requests that the remaining checks score as high risk are blocked; the rest go through and are flagged as degraded in the audit trail.",
  },
  {
    value: "allow_with_audit",
    label: "Fail open, with audit",
    short: "Fail open",
    description: "Requests go through while a check is unavailable; each one is recorded as allowed-in-degraded-mode. Availability first.",
  },
] as const;

export type DegradedModeValue = (typeof DEGRADED_MODES)[number]["value"];

export function degradedModeInfo(value: string) {
  return DEGRADED_MODES.find((m) => m.value === value) ?? DEGRADED_MODES[0];
}

export const SHADOW_MODE_TEXT =
  "In shadow mode Aegis inspects every request and records the decision it would have made, but blocks nothing. Use it to tune rules against real traffic before enforcing.";
