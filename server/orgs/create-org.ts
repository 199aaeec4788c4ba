// Creates an organization with its owner and first gateway API key, in one
// transaction. Used by sign-up (new user only) and `aegis org create`
// (an existing user must prove their password).
import type { Db } from "@/server/db/client";
import { newId } from "@/server/db/ids";
import { forOrg } from "@/server/db/scoped";
import { AegisError, conflict } from "@/server/errors";
import { generateApiKey } from "@/server/auth/api-key-format";
import { hashPassword, passwordWeakness, verifyPassword } from "@/server/auth/password";
import { recordActivity } from "@/server/orgs/activity";
import { slugify, slugWithSuffix } from "@/server/orgs/slug";

export interface CreateOrgInput {
  orgName: string;
  owner: { email: string; password: string; name?: string };
  /** "signup": the email must be new. "cli": an existing user may own it. */
  mode: "signup" | "cli";
}

export interface CreatedOrg {
  orgId: string;
  orgSlug: string;
  userId: string;
  apiKey: string;
  apiKeyId: string;
}

export async function createOrganizationWithOwner(db: Db, input: CreateOrgInput): Promise<CreatedOrg> {
  const email = input.owner.email.trim().toLowerCase();
  const existing = await db.user.findUnique({ where: { email } });
  if (existing && input.mode === "signup") throw conflict("An account with this email already exists; sign in instead");
  if (existing) {
    if (!(await verifyPassword(input.owner.password, existing.passwordHash))) {
      throw new AegisError("UNAUTHORIZED", "Wrong password for the existing user " + email);
    }
  } else {
    const weak = passwordWeakness(input.owner.password, email);
    if (weak) throw new AegisError("UNPROCESSABLE", weak, { field: "password" });
  }
  const passwordHash = existing ? existing.passwordHash : await hashPassword(input.owner.password);
  const key = generateApiKey();
  const orgId = newId("org");
  const userId = existing?.id ?? newId("usr");
  const apiKeyId = newId("key");

  let slug = slugify(input.orgName);
  if (await db.organization.findUnique({ where: { slug } })) slug = slugWithSuffix(input.orgName);

  try {
    await forOrg(db, orgId).$transaction(async (tx) => {
      if (!existing) {
        await tx.user.create({ data: { id: userId, email, passwordHash, name: input.owner.name ?? null } });
      }
      await tx.organization.create({ data: { id: orgId, name: input.orgName.trim(), slug } });
      await tx.membership.create({ data: { id: newId("mem"), orgId, userId, role: "owner" } });
      await tx.apiKey.create({
        data: { id: apiKeyId, orgId, name: "Default key", prefix: key.prefix, hash: key.hash, createdById: userId },
      });
      await recordActivity(tx, { orgId, actorId: userId, action: "org.created", target: orgId });
    });
  } catch (err) {
    // Two sign-ups racing on one email: the unique index decides.
    if ((err as { code?: string }).code === "P2002") throw conflict("An account with this email already exists");
    throw err;
  }
  return { orgId, orgSlug: slug, userId, apiKey: key.key, apiKeyId };
}
