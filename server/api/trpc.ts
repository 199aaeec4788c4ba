// The procedure ladder. Guarantees:
//  - publicProcedure: input validated; mutations must pass the CSRF guard.
//  - authedProcedure: a signed-in user exists.
//  - orgProcedure: the user is a member of the org named by x-aegis-org; the
//    context then carries `org`, `membership` and `sdb`, a client scoped to
//    that org (forOrg). Procedures never take an org id from their input.
//  - orgProcedure.use(can("x")): the member's role grants permission x.
// Errors: AegisError codes map to tRPC codes; unknown errors become a generic
// INTERNAL_SERVER_ERROR with the cause logged, never returned.
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { forOrg } from "@/server/db/scoped";
import { AegisError } from "@/server/errors";
import { log } from "@/server/log/logger";
import { can as roleCan, type Permission } from "@/server/auth/permissions";
import type { Context } from "@/server/api/context";

const TRPC_CODE = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNPROCESSABLE: "UNPROCESSABLE_CONTENT",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  INTERNAL: "INTERNAL_SERVER_ERROR",
  BAD_GATEWAY: "BAD_GATEWAY",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
  GATEWAY_TIMEOUT: "GATEWAY_TIMEOUT",
} as const;

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error, ctx }) {
    const cause = error.cause;
    const zod = cause instanceof ZodError ? cause.issues.map((i) => ({ path: i.path.join("."), message: i.message })) : undefined;
    const details = cause instanceof AegisError ? cause.details : undefined;
    return {
      message: shape.message,
      code: shape.code,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, requestId: ctx?.requestId, zodIssues: zod, details },
    };
  },
});

const errorMapper = t.middleware(async ({ next, ctx, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof AegisError) {
      throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
    }
    if (result.error.code === "INTERNAL_SERVER_ERROR") {
      log.error("procedure failed", { path, request_id: ctx.requestId, err: cause ?? result.error });
      throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Internal error" });
    }
  }
  return result;
});

const csrfGuard = t.middleware(({ ctx, type, next }) => {
  if (type === "mutation" && !ctx.isSameOrigin) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Cross-site request refused" });
  }
  return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(errorMapper).use(csrfGuard);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const orgProcedure = authedProcedure.use(async ({ ctx, next }) => {
  const slug = ctx.unverifiedOrgSlug;
  if (!slug) throw new TRPCError({ code: "BAD_REQUEST", message: "No organization selected (x-aegis-org header)" });
  const membership = await ctx.db.membership.findFirst({
    where: { userId: ctx.user.id, org: { slug } },
    include: { org: true },
  });
  // Not a member and no such org look the same: nothing leaks about other orgs.
  if (!membership) throw new TRPCError({ code: "NOT_FOUND", message: "Organization not found" });
  const { org, ...member } = membership;
  return next({ ctx: { ...ctx, org, membership: member, sdb: forOrg(ctx.db, org.id) } });
});

export function can(permission: Permission) {
  return t.middleware(({ ctx, next }) => {
    const role = (ctx as { membership?: { role: Parameters<typeof roleCan>[0] } }).membership?.role;
    if (!role || !roleCan(role, permission)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `Missing permission: ${permission}` });
    }
    return next();
  });
}
