// Stage 1 — authentication. API key or agent JWT (see credentials.ts), which
// resolves org, agent and role; then the upstream alias is resolved within the
// caller's org (404 when the org has no such upstream).
// Fail-closed: no verified caller, no request (401 with the reason).
import type { Stage } from "@/server/gateway/pipeline";

export const authenticateStage: Stage = {
  name: "authenticate",
  async run(ctx) {
    if (ctx.callerError) return ctx.callerError;
    if (!ctx.caller || !ctx.org) return { decision: "BLOCK", status: 401, code: "UNAUTHORIZED", message: "Missing credentials" };
    if (ctx.kind === "proxy" && ctx.alias !== null) {
      const upstream = ctx.org.upstreams.get(ctx.alias);
      if (!upstream) return { decision: "BLOCK", status: 404, code: "UNKNOWN_UPSTREAM", message: `No upstream named "${ctx.alias.slice(0, 64)}" in this organization` };
      ctx.upstream = upstream;
    }
    return "continue";
  },
};
