/**
 * A throw-away PostgreSQL database for the DB-backed audit benches: created on the
 * server at DATABASE_URL (default the machine's local one), migrated, dropped at the end.
 */
import pg from "pg";
import { applyMigrations } from "@/server/db/migrate";
import { createDb, type Db } from "@/server/db/client";
import { newId } from "@/server/db/ids";

export type TBenchDb = { db: Db; url: string; orgId: string; createOrg(): Promise<string>; drop(): Promise<void> };

export async function createBenchDb(): Promise<TBenchDb> {
  const adminUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `aegis_bench_${Date.now().toString(36)}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await applyMigrations(url.toString());
  const db = createDb(url.toString());
  const createOrg = async () => {
    const id = newId("org");
    await db.organization.create({ data: { id, name: id, slug: id } });
    return id;
  };
  const orgId = await createOrg();
  return {
    db, url: url.toString(), orgId, createOrg,
    async drop() {
      await db.$disconnect();
      const { endAllPools } = await import("@/server/db/pg-pool");
      await endAllPools();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
