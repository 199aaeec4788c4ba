// Per-run database for integration tests: a uniquely named database on the
// PostgreSQL at DATABASE_URL (CI: the machine's server), or an embedded
// PostgreSQL in a temp dir when none is configured. Dropped at the end.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let adminUrl = process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let tmpDir: string | undefined;
  if (!adminUrl) {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "aegis-test-pg-"));
    fs.chmodSync(tmpDir, 0o755);
    const { startEmbeddedPostgres } = await import("../db/embedded");
    const db = await startEmbeddedPostgres(tmpDir, "test-password-not-secret");
    adminUrl = db.url;
    stopEmbedded = db.stop;
  }
  const name = `aegis_test_${Date.now().toString(36)}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await applyMigrations(url.toString(), path.resolve("prisma/migrations"));
  project.provide("databaseUrl", url.toString());
  process.env.AEGIS_TEST_DATABASE_URL = url.toString();

  return async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await c.end();
    await stopEmbedded?.();
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  };
}
