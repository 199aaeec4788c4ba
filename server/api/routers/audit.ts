// The audit explorer: list and read signed events (audit.read), fetch a raw
// chain range with the org's public keys for in-browser verification, and
// export (audit.export), list the signing keys and, for owners, rotate the current one
// (audit.rotate_key). The trail itself is written by the gateway.
import { z } from "zod";
import { can, orgProcedure, router } from "@/server/api/trpc";
import { findAuditEvents, getAuditEventOrThrow, ZListAuditInput } from "@/server/audit-explorer/events";
import { getAuditChain, ZAuditChainInput } from "@/server/audit-explorer/chain";
import { exportAuditEvents, ZExportAuditInput } from "@/server/audit-explorer/export";
import { listKeyRecords, rotateSigningKey } from "@/server/audit/signing-keys";
import { getKeyring } from "@/server/secrets/keyring";

export const auditRouter = router({
  list: orgProcedure.use(can("audit.read")).input(ZListAuditInput).query(({ ctx, input }) => findAuditEvents(ctx.sdb, input)),

  get: orgProcedure
    .use(can("audit.read"))
    .input(z.object({ requestId: z.string().min(1).max(512) }))
    .query(({ ctx, input }) => getAuditEventOrThrow(ctx.sdb, ctx.db, ctx.org.id, input.requestId)),

  chain: orgProcedure.use(can("audit.read")).input(ZAuditChainInput).query(({ ctx, input }) => getAuditChain(ctx.sdb, ctx.db, ctx.org.id, input)),

  // The org's signing keys as published at GET /v1/audit/keys (public keys and validity periods).
  keys: orgProcedure.use(can("audit.read")).query(({ ctx }) => listKeyRecords(ctx.db, ctx.org.id)),

  // Owners only: retire the current signing key and sign from now on with a new one.
  rotateKey: orgProcedure.use(can("audit.rotate_key")).mutation(({ ctx }) => rotateSigningKey(ctx.db, ctx.org.id, getKeyring(), ctx.user.id)),

  // A query would be cached and retried by the client; an export is a one-off action.
  export: orgProcedure
    .use(can("audit.export"))
    .input(ZExportAuditInput)
    .mutation(({ ctx, input }) => exportAuditEvents(ctx.sdb, { orgSlug: ctx.org.slug, input })),
});
