import type { Db } from "@/server/db/client";
import { notFound } from "@/server/errors";

/** Operators name an org by id or slug (CLI --org). */
export async function getOrgByRefOrThrow(db: Db, ref: string) {
  const org = await db.organization.findFirst({ where: { OR: [{ id: ref }, { slug: ref }] } });
  if (!org) throw notFound(`Organization "${ref}"`);
  return org;
}

export async function listOrgsForUser(db: Db, userId: string) {
  const rows = await db.membership.findMany({
    where: { userId },
    include: { org: { select: { id: true, name: true, slug: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => ({ id: m.org.id, name: m.org.name, slug: m.org.slug, role: m.role }));
}
