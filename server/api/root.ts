// Merges the domain routers; nothing else lives here.
import { router } from "@/server/api/trpc";
import { authRouter } from "@/server/api/routers/auth";
import { keysRouter } from "@/server/api/routers/keys";
import { membersRouter } from "@/server/api/routers/members";
import { orgRouter } from "@/server/api/routers/org";
import { agentsRouter } from "@/server/api/routers/agents";
import { inspectionRouter } from "@/server/api/routers/inspection";
import { killswitchRouter } from "@/server/api/routers/killswitch";
import { quotasRouter } from "@/server/api/routers/quotas";
import { upstreamsRouter } from "@/server/api/routers/upstreams";
import { rulesRouter } from "@/server/api/routers/rules";
import { approvalsRouter } from "@/server/api/routers/approvals";
import { auditRouter } from "@/server/api/routers/audit";
import { analyticsRouter } from "@/server/api/routers/analytics";

export const appRouter = router({
  auth: authRouter,
  org: orgRouter,
  members: membersRouter,
  keys: keysRouter,
  upstreams: upstreamsRouter,
  killswitch: killswitchRouter,
  quotas: quotasRouter,
  agents: agentsRouter,
  inspection: inspectionRouter,
  rules: rulesRouter,
  approvals: approvalsRouter,
  audit: auditRouter,
  analytics: analyticsRouter,
});

export type AppRouter = typeof appRouter;
