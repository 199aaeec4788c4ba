// A throw-away PostgreSQL database on a running server (the test run's, a bench's): created,
// migrated with the app's own migrator, and dropped (FORCE) when done.
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "../db/migrate"; // relative: also loaded by vitest global setup

export type TScratchDatabase = { url: string; drop(): Promise<void> };

async function admin(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** `prefix` names the database (letters, digits, `_`); a time and the pid make it unique. */
export async function createScratchDatabase(adminUrl: string, prefix: string, migrationsDir = path.resolve("prisma/migrations")): Promise<TScratchDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${process.pid}`;
  await admin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await applyMigrations(url.toString(), migrationsDir);
  return {
    url: url.toString(),
    drop: () => admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined),
  };
}
