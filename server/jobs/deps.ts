// Production dependencies of job handlers, resolved from configuration once.
import { getKeyring } from "@/server/secrets/keyring";
import { getDb } from "@/server/db/client";
import { createPgPool } from "@/server/db/pg-pool";
import { getEnv } from "@/server/env";
import type { TJobDeps } from "./definition";

let cached: TJobDeps | undefined;

export function defaultJobDeps(): TJobDeps {
  const url = getEnv().DATABASE_URL;
  cached ??= { db: getDb(), kek: getKeyring(), now: () => new Date(), ...(url ? { pool: createPgPool(url, 2) } : {}) };
  return cached;
}
