// Merges the domain routers; nothing else lives here.
import { router } from "@/server/api/trpc";
import { authRouter } from "@/server/api/routers/auth";
import { keysRouter } from "@/server/api/routers/keys";
import { membersRouter } from "@/server/api/routers/members";
import { orgRouter } from "@/server/api/routers/org";

export const appRouter = router({
  auth: authRouter,
  org: orgRouter,
  members: membersRouter,
  keys: keysRouter,
});

export type AppRouter = typeof appRouter;
