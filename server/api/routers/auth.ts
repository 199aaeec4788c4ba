import { z } from "zod";
import { publicProcedure, authedProcedure, router } from "@/server/api/trpc";
import { createOrganizationWithOwner } from "@/server/orgs/create-org";
import { ZEmail, ZOrgName, ZPassword, ZPersonName } from "@/server/orgs/schemas";
import { listOrgsForUser } from "@/server/orgs/find-org";
import { getStore } from "@/server/adapters";
import { AegisError } from "@/server/errors";

export const ZSignUpInput = z.object({ email: ZEmail, password: ZPassword, name: ZPersonName, orgName: ZOrgName });

export const authRouter = router({
  /** Creates the user, their organization and its first API key (shown once). */
  signUp: publicProcedure.input(ZSignUpInput).mutation(async ({ ctx, input }) => {
    // Sign-ups share the sign-in lockout budget per IP, so they cannot be
    // used to probe which emails exist at high speed.
    const n = await getStore().incrBy(`signup:ip:${ctx.ip}`, 1, 3600_000);
    if (n > 30) throw new AegisError("TOO_MANY_REQUESTS", "Too many sign-ups from this address; try again later");
    const created = await createOrganizationWithOwner(ctx.db, {
      orgName: input.orgName,
      owner: { email: input.email, password: input.password, name: input.name },
      mode: "signup",
    });
    return { orgSlug: created.orgSlug, apiKey: created.apiKey, apiKeyId: created.apiKeyId };
  }),

  me: authedProcedure.query(async ({ ctx }) => ({
    user: ctx.user,
    orgs: await listOrgsForUser(ctx.db, ctx.user.id),
  })),

  createOrg: authedProcedure.input(z.object({ orgName: ZOrgName, password: ZPassword })).mutation(async ({ ctx, input }) => {
    const created = await createOrganizationWithOwner(ctx.db, {
      orgName: input.orgName,
      owner: { email: ctx.user.email, password: input.password },
      mode: "cli",
    });
    return { orgSlug: created.orgSlug, apiKey: created.apiKey };
  }),
});
