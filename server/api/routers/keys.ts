import { z } from "zod";
import { can, orgProcedure, router } from "@/server/api/trpc";
import { createApiKey, listApiKeys, revokeApiKey } from "@/server/auth/api-keys";

export const ZCreateKeyInput = z.object({
  name: z.string().trim().min(1, "Name is required").max(64),
  expiresAt: z.coerce.date().nullish(),
});

export const keysRouter = router({
  list: orgProcedure.use(can("keys.read")).query(({ ctx }) => listApiKeys(ctx.sdb)),

  create: orgProcedure
    .use(can("keys.create"))
    .input(ZCreateKeyInput)
    .mutation(({ ctx, input }) =>
      createApiKey(ctx.sdb, { orgId: ctx.org.id, actorId: ctx.user.id, name: input.name, expiresAt: input.expiresAt ?? null }),
    ),

  revoke: orgProcedure
    .use(can("keys.revoke"))
    .input(z.object({ keyId: z.string().min(1).max(64) }))
    .mutation(({ ctx, input }) => revokeApiKey(ctx.sdb, { orgId: ctx.org.id, actorId: ctx.user.id, keyId: input.keyId })),
});
