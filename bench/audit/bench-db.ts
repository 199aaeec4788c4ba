/**
 * A throw-away PostgreSQL database for the DB-backed audit benches: created on the
 * server at DATABASE_URL (default the machine's local one), migrated, dropped at the end.
 */
import { createScratchDatabase } from "@/server/testing/scratch-db";
import { createDb, type Db } from "@/server/db/client";
import { newId } from "@/server/db/ids";

export type TBenchDb = { db: Db; url: string; orgId: string; createOrg(): Promise<string>; drop(): Promise<void> };

export async function createBenchDb(): Promise<TBenchDb> {
  const adminUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const scratch = await createScratchDatabase(adminUrl, "aegis_bench");
  const db = createDb(scratch.url);
  const createOrg = async () => {
    const id = newId("org");
    await db.organization.create({ data: { id, name: id, slug: id } });
    return id;
  };
  const orgId = await createOrg();
  return {
    db, url: scratch.url, orgId, createOrg,
    async drop() {
      await db.$disconnect();
      const { endAllPools } = await import("@/server/db/pg-pool");
      await endAllPools();
      await scratch.drop();
    },
  };
}
