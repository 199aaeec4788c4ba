import { z } from "zod";
import { can, orgProcedure, router } from "@/server/api/trpc";
import { listKillSwitches, setKillSwitch } from "@/server/killswitch/killswitch";

export const killswitchRouter = router({
  list: orgProcedure.use(can("killswitch.read")).query(({ ctx }) => listKillSwitches(ctx.sdb)),

  set: orgProcedure
    .use(can("killswitch.write"))
    .input(z.object({ engaged: z.boolean(), agent: z.string().regex(/^[A-Za-z0-9._:@-]{1,128}$/).nullish() }))
    .mutation(({ ctx, input }) =>
      setKillSwitch(ctx.sdb, { orgId: ctx.org.id, actor: ctx.user.email, actorId: ctx.user.id, engaged: input.engaged, agent: input.agent ?? null }),
    ),
});
