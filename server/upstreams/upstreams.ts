// Upstreams: an alias the org configures (name → base URL) with an optional
// secret injected at request time. Secrets are envelope-encrypted (AAD binds
// them to org and upstream) and never returned after creation. The SSRF guard
// refuses loopback, private, link-local and metadata destinations at creation
// (and the proxy checks again at connect time) unless allowPrivate is set.
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { newId } from "@/server/db/ids";
import { AegisError, conflict, notFound } from "@/server/errors";
import type { TKeyring } from "@/server/crypto/envelope";
import { parseInjectTemplate } from "@/server/proxy/forward";
import { assertPublicUrl, SsrfError } from "@/server/proxy/ssrf";
import { upstreamSecretAad } from "@/server/secrets/keyring";
import { recordActivity } from "@/server/orgs/activity";
import { bumpConfigVersion } from "@/server/orgs/config-version";

export const ZUpstreamName = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, "Use 1-63 lower-case letters, digits, '-' or '_' (it becomes part of the URL)")
  .refine((n) => n !== "evaluate", "'evaluate' is reserved");

export const ZCreateUpstreamInput = z.object({
  name: ZUpstreamName,
  url: z.string().trim().url("Enter an http(s) URL").max(2000),
  secret: z.string().min(1).max(8192).optional(),
  injectTemplate: z.string().max(500).optional(),
  allowPrivate: z.boolean().default(false),
  timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
});
export type TCreateUpstreamInput = z.infer<typeof ZCreateUpstreamInput>;

export const DEFAULT_INJECT_TEMPLATE = "Authorization: Bearer {secret}";

export async function createUpstream(sdb: Db, keyring: TKeyring, p: { orgId: string; actorId: string | null; input: TCreateUpstreamInput }) {
  const { input } = p;
  try {
    await assertPublicUrl(input.url, { allowPrivate: input.allowPrivate });
  } catch (e) {
    if (e instanceof SsrfError) {
      throw new AegisError("UNPROCESSABLE", `Refused upstream URL: ${e.message}. Use allowPrivate (--allow-private) for self-hosted services.`, { field: "url" });
    }
    throw e;
  }
  const template = input.secret ? (input.injectTemplate ?? DEFAULT_INJECT_TEMPLATE) : null;
  if (template) {
    try {
      parseInjectTemplate(template, "x");
    } catch (e) {
      throw new AegisError("UNPROCESSABLE", (e as Error).message, { field: "injectTemplate" });
    }
  }
  const id = newId("ups");
  const url = new URL(input.url);
  try {
    await sdb.$transaction(async (tx) => {
      await tx.upstream.create({
        data: {
          id, orgId: p.orgId, name: input.name, baseUrl: url.toString().replace(/\/$/, ""),
          secretCipher: input.secret ? keyring.encrypt(input.secret, upstreamSecretAad(p.orgId, id)) : null,
          injectTemplate: template, allowPrivate: input.allowPrivate, timeoutMs: input.timeoutMs,
        },
      });
      await recordActivity(tx, { orgId: p.orgId, actorId: p.actorId, action: "upstream.created", target: id, meta: { name: input.name, url: url.origin, allowPrivate: input.allowPrivate } });
      await bumpConfigVersion(tx, p.orgId);
    });
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") throw conflict(`An upstream named "${input.name}" already exists`);
    throw err;
  }
  return { id, name: input.name, baseUrl: url.toString().replace(/\/$/, "") };
}

export async function listUpstreams(sdb: Db) {
  const rows = await sdb.upstream.findMany({ orderBy: { name: "asc" } });
  return rows.map((u) => ({
    id: u.id, name: u.name, baseUrl: u.baseUrl, hasSecret: !!u.secretCipher,
    injectHeader: u.injectTemplate ? u.injectTemplate.split(":")[0] ?? null : null,
    allowPrivate: u.allowPrivate, timeoutMs: u.timeoutMs, createdAt: u.createdAt,
  }));
}

export async function removeUpstream(sdb: Db, p: { orgId: string; actorId: string | null; ref: string }) {
  return sdb.$transaction(async (tx) => {
    const u = await tx.upstream.findFirst({ where: { OR: [{ id: p.ref }, { name: p.ref }] } });
    if (!u) throw notFound(`Upstream "${p.ref}"`);
    await tx.upstream.delete({ where: { id: u.id } });
    await recordActivity(tx, { orgId: p.orgId, actorId: p.actorId, action: "upstream.removed", target: u.id, meta: { name: u.name } });
    await bumpConfigVersion(tx, p.orgId);
    return { id: u.id, name: u.name };
  });
}

/** KEK rotation: re-wrap every secret still under an old KEK (upstream
 * secrets and audit signing keys). Only the data key is re-wrapped; the
 * ciphertext and its AAD binding are unchanged. */
export async function rewrapUpstreamSecrets(db: Db, keyring: TKeyring): Promise<number> {
  // Operator maintenance across all orgs, by design: rows are re-encrypted in place
  // under their own org's AAD, nothing crosses tenants.
  const rows = await db.upstream.findMany({ where: { secretCipher: { not: null } }, select: { id: true, orgId: true, secretCipher: true } });
  let n = 0;
  for (const r of rows) {
    if (!r.secretCipher || !keyring.needsRewrap(r.secretCipher)) continue;
    await db.upstream.update({ where: { id: r.id }, data: { secretCipher: keyring.rewrap(r.secretCipher) } });
    n++;
  }
  const keys = await db.signingKey.findMany({ select: { id: true, secretCipher: true } });
  for (const k of keys) {
    if (!keyring.needsRewrap(k.secretCipher)) continue;
    await db.signingKey.update({ where: { id: k.id }, data: { secretCipher: keyring.rewrap(k.secretCipher) } });
    n++;
  }
  return n;
}
