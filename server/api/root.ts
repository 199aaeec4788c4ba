// Merges the domain routers; nothing else lives here.
import { router } from "@/server/api/trpc";
import { authRouter } from "@/server/api/routers/auth";
import { keysRouter } from "@/server/api/routers/keys";
import { membersRouter } from "@/server/api/routers/members";
import { orgRouter } from "@/server/api/routers/org";
import { agentsRouter } from "@/server/api/routers/agents";
import { killswitchRouter } from "@/server/api/routers/killswitch";
import { quotasRouter } from "@/server/api/routers/quotas";
import { upstreamsRouter } from "@/server/api/routers/upstreams";

export const appRouter = router({
  auth: authRouter,
  org: orgRouter,
  members: membersRouter,
  keys: keysRouter,
  upstreams: upstreamsRouter,
  killswitch: killswitchRouter,
  quotas: quotasRouter,
  agents: agentsRouter,
});

export type AppRouter = typeof appRouter;
