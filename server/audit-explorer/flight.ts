// A tolerant reader for AuditEvent.flight. The flight record is not signed and
// its shape grew over time, so every field is optional: an old or odd record
// shows less, it never fails a page.
import { z } from "zod";

const ZStage = z.object({ stage: z.string(), outcome: z.string(), us: z.number(), note: z.string().optional() });
const ZFinding = z.object({ category: z.string(), rule_id: z.string(), score: z.number(), location: z.string() });

const ZFlight = z.object({
  stages: z.array(ZStage).catch([]),
  degraded: z.array(z.unknown()).catch([]),
  shadow: z.object({ decision: z.string(), stage: z.string().nullable() }).nullable().catch(null),
  risk: z.number().nullable().catch(null),
  method: z.string().nullable().catch(null),
  path: z.string().nullable().catch(null),
  via: z.string().nullable().catch(null),
  approval_id: z.string().nullable().catch(null),
  reasons: z.array(z.unknown()).catch([]),
  policy_input: z.object({ findings: z.array(ZFinding).catch([]) }).nullable().catch(null),
});

export type TFlightStage = z.infer<typeof ZStage>;
export type TFlightFinding = z.infer<typeof ZFinding>;

export type TFlightView = {
  stages: TFlightStage[];
  degraded: unknown[];
  shadow: { decision: string; stage: string | null } | null;
  risk: number | null;
  method: string | null;
  path: string | null;
  via: string | null;
  approvalId: string | null;
  reasons: unknown[];
  /** Each finding with the rule that produced it and where in the request it was. */
  findings: TFlightFinding[];
};

const EMPTY: TFlightView = { stages: [], degraded: [], shadow: null, risk: null, method: null, path: null, via: null, approvalId: null, reasons: [], findings: [] };

export function readFlight(raw: unknown): TFlightView {
  if (!raw || typeof raw !== "object") return EMPTY;
  const parsed = ZFlight.safeParse({ stages: [], degraded: [], shadow: null, risk: null, method: null, path: null, via: null, approval_id: null, reasons: [], policy_input: null, ...raw });
  if (!parsed.success) return EMPTY;
  const f = parsed.data;
  return {
    stages: f.stages, degraded: f.degraded, shadow: f.shadow, risk: f.risk, method: f.method, path: f.path, via: f.via,
    approvalId: f.approval_id, reasons: f.reasons, findings: f.policy_input?.findings ?? [],
  };
}
