// Stage 3 — inspection: WAF, DLP, prompt injection and dangerous agent actions
// (server/inspection), with the org's (and upstream's) tuning. Pure and
// in-process. Fail-closed: a detector crash blocks (503) rather than letting
// an uninspected request through.
import type { Stage } from "@/server/gateway/pipeline";
import { inspectAction, inspectRequest } from "@/server/inspection";
import { log } from "@/server/log/logger";

export const inspectStage: Stage = {
  name: "inspect",
  async run(ctx) {
    const config = ctx.upstream?.inspection ?? ctx.org?.inspection;
    try {
      const result = ctx.action
        ? inspectAction(ctx.action, config)
        : inspectRequest(
            {
              method: ctx.method,
              path: ctx.upstreamPath,
              query: ctx.query,
              headers: ctx.viewHeaders,
              body: ctx.bodyText ?? undefined,
              contentType: ctx.headers["content-type"],
            },
            config,
            // Per-org verdict cache: a hit is faster than a miss, so a shared cache would let one
            // org time whether another recently sent the same text.
            { cacheScope: ctx.org?.orgId ?? "anonymous" },
          );
      ctx.findings = result.findings;
      ctx.risk = result.risk;
      return "continue";
    } catch (err) {
      log.error("inspection failed", { request_id: ctx.requestId, err });
      return { decision: "BLOCK", status: 503, code: "INSPECTION_FAILED", message: "Inspection failed; request refused (fail-closed)" };
    }
  },
};
