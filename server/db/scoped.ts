// Tenant isolation in one enforced place. forOrg(db, orgId) returns a client
// whose every query on a tenant model carries `orgId`: filters get it added to
// `where`, writes get it added to `data`. A missing id throws instead of
// widening the query (Prisma silently ignores `undefined` in filters).
import type { Db } from "@/server/db/client";

export const TENANT_MODELS = new Set([
  "Membership",
  "Invitation",
  "ApiKey",
  "AgentIdentity",
  "Upstream",
  "KillSwitch",
  "QuotaPolicy",
  "AuditEvent",
  "ActivityEvent",
  "AuditHead",
  "SigningKey",
  "TreeHead",
  "Approval",
  "RuleDraft",
  "RuleSetVersion",
  "CustomPolicy",
  "IntentKey",
]);

const WHERE_OPS = new Set([
  "findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany",
  "update", "updateMany", "updateManyAndReturn", "delete", "deleteMany",
  "count", "aggregate", "groupBy", "upsert",
]);
const DATA_OPS = new Set(["create", "createMany", "createManyAndReturn"]);

type Args = Record<string, unknown> & { where?: Record<string, unknown>; data?: unknown; create?: unknown };

function withOrg(orgId: string, operation: string, args: Args): Args {
  const out: Args = { ...args };
  if (WHERE_OPS.has(operation)) out.where = { ...(args.where ?? {}), orgId };
  if (DATA_OPS.has(operation)) {
    out.data = Array.isArray(args.data)
      ? args.data.map((d: Record<string, unknown>) => ({ ...d, orgId }))
      : { ...(args.data as Record<string, unknown>), orgId };
  }
  if (operation === "upsert") out.create = { ...(args.create as Record<string, unknown>), orgId };
  return out;
}

/** Scoped client. Start transactions from it (`forOrg(db, id).$transaction(...)`):
 * the transaction client keeps the scoping. */
export function forOrg(client: Db, orgId: string): Db {
  if (typeof orgId !== "string" || orgId.length === 0) {
    throw new Error("forOrg: orgId is required (refusing to run an unscoped tenant query)");
  }
  return client.$extends({
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          if (!TENANT_MODELS.has(model)) return query(args);
          return query(withOrg(orgId, operation, (args ?? {}) as Args) as typeof args);
        },
      },
    },
  }) as unknown as Db;
}
