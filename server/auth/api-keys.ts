// API key management for one org. Callers pass a scoped client (forOrg), so
// every query here is tenant-bound by construction.
import type { Db } from "@/server/db/client";
import { newId } from "@/server/db/ids";
import { AegisError, notFound } from "@/server/errors";
import { generateApiKey } from "@/server/auth/api-key-format";
import { recordActivity } from "@/server/orgs/activity";
import { bumpConfigVersion } from "@/server/orgs/config-version";

export interface CreateApiKeyInput {
  orgId: string;
  actorId: string | null;
  name: string;
  expiresAt?: Date | null;
}

export async function createApiKey(sdb: Db, input: CreateApiKeyInput) {
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    throw new AegisError("UNPROCESSABLE", "Expiry must be in the future", { field: "expiresAt" });
  }
  const key = generateApiKey();
  const id = newId("key");
  await sdb.$transaction(async (tx) => {
    await tx.apiKey.create({
      data: {
        id, orgId: input.orgId, name: input.name, prefix: key.prefix, hash: key.hash,
        createdById: input.actorId, expiresAt: input.expiresAt ?? null,
      },
    });
    await recordActivity(tx, { orgId: input.orgId, actorId: input.actorId, action: "key.created", target: id, meta: { name: input.name } });
  });
  return { id, apiKey: key.key, prefix: key.prefix };
}

export async function listApiKeys(sdb: Db) {
  const keys = await sdb.apiKey.findMany({ orderBy: { createdAt: "desc" } });
  const creatorIds = [...new Set(keys.map((k) => k.createdById).filter((x): x is string => !!x))];
  const users = creatorIds.length
    ? await sdb.user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, email: true } })
    : [];
  const emailById = new Map(users.map((u) => [u.id, u.email]));
  return keys.map((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    createdBy: k.createdById ? (emailById.get(k.createdById) ?? null) : null,
    createdAt: k.createdAt,
    expiresAt: k.expiresAt,
    lastUsedAt: k.lastUsedAt,
    revokedAt: k.revokedAt,
    status: k.revokedAt ? "revoked" : k.expiresAt && k.expiresAt < new Date() ? "expired" : "active",
  }));
}

export async function revokeApiKey(sdb: Db, input: { orgId: string; actorId: string | null; keyId: string }) {
  return sdb.$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { id: input.keyId } });
    if (!key) throw notFound("API key");
    if (key.revokedAt) throw new AegisError("CONFLICT", "This key is already revoked");
    await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    await recordActivity(tx, { orgId: input.orgId, actorId: input.actorId, action: "key.revoked", target: key.id });
    await bumpConfigVersion(tx, input.orgId);
    return { id: key.id, revokedAt: new Date() };
  });
}
