// Per-run database for integration tests: a uniquely named database on the
// PostgreSQL at DATABASE_URL (CI: the machine's server), or an embedded
// PostgreSQL in a temp dir when none is configured. Dropped at the end.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createScratchDatabase } from "./scratch-db";

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
  const scratch = await createScratchDatabase(adminUrl, "aegis_test");
  project.provide("databaseUrl", scratch.url);
  process.env.AEGIS_TEST_DATABASE_URL = scratch.url;

  return async () => {
    await scratch.drop();
    await stopEmbedded?.();
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  };
}
