// Agent identities: an issuer the org trusts for agent JWTs, with its public
// keys (JWKS). Issuers are unique across the platform so a token's `iss`
// names exactly one org. Private keys never reach Aegis.
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { newId } from "@/server/db/ids";
import { AegisError, conflict, notFound } from "@/server/errors";
import { recordActivity } from "@/server/orgs/activity";
import { bumpConfigVersion } from "@/server/orgs/config-version";

const ZPublicJwk = z
  .object({ kty: z.enum(["OKP", "EC", "RSA"]), kid: z.string().max(200).optional(), alg: z.string().max(20).optional() })
  .passthrough()
  .refine((k) => !("d" in k) && !("p" in k) && !("q" in k), "JWKS must contain public keys only");

export const ZAgentIdentityInput = z.object({
  name: z.string().regex(/^[A-Za-z0-9._:@-]{1,128}$/, "1-128 of [A-Za-z0-9._:@-]"),
  issuer: z.string().min(3).max(500),
  jwks: z.object({ keys: z.array(ZPublicJwk).min(1).max(20) }),
});
export type TAgentIdentityInput = z.infer<typeof ZAgentIdentityInput>;

export async function registerAgentIdentity(sdb: Db, p: { orgId: string; actorId: string | null; input: TAgentIdentityInput }) {
  // Global uniqueness check on purpose: one issuer must map to one org.
  const taken = await sdb.$queryRaw<{ n: bigint }[]>`SELECT count(*)::bigint AS n FROM "AgentIdentity" WHERE issuer = ${p.input.issuer}`;
  if (Number(taken[0]?.n ?? 0) > 0) throw conflict("This issuer is already registered");
  const id = newId("agt");
  try {
    await sdb.$transaction(async (tx) => {
      await tx.agentIdentity.create({ data: { id, orgId: p.orgId, name: p.input.name, issuer: p.input.issuer, jwks: p.input.jwks as never } });
      await recordActivity(tx, { orgId: p.orgId, actorId: p.actorId, action: "agent.registered", target: id, meta: { name: p.input.name, issuer: p.input.issuer } });
      await bumpConfigVersion(tx, p.orgId);
    });
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") throw conflict(`An agent identity named "${p.input.name}" already exists`);
    throw err;
  }
  return { id, name: p.input.name, issuer: p.input.issuer };
}

export async function listAgentIdentities(sdb: Db) {
  const rows = await sdb.agentIdentity.findMany({ orderBy: { createdAt: "desc" } });
  return rows.map((a) => ({ id: a.id, name: a.name, issuer: a.issuer, createdAt: a.createdAt, revokedAt: a.revokedAt }));
}

export async function revokeAgentIdentity(sdb: Db, p: { orgId: string; actorId: string | null; ref: string }) {
  return sdb.$transaction(async (tx) => {
    const a = await tx.agentIdentity.findFirst({ where: { OR: [{ id: p.ref }, { name: p.ref }] } });
    if (!a) throw notFound(`Agent identity "${p.ref}"`);
    if (a.revokedAt) throw new AegisError("CONFLICT", "Already revoked");
    await tx.agentIdentity.update({ where: { id: a.id }, data: { revokedAt: new Date() } });
    await recordActivity(tx, { orgId: p.orgId, actorId: p.actorId, action: "agent.revoked", target: a.id });
    await bumpConfigVersion(tx, p.orgId);
    return { id: a.id, name: a.name };
  });
}
