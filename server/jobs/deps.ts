// Production dependencies of job handlers, resolved from configuration once.
import { getKeyring } from "@/server/secrets/keyring";
import { getDb } from "@/server/db/client";
import type { TJobDeps } from "./definition";

let cached: TJobDeps | undefined;

export function defaultJobDeps(): TJobDeps {
  cached ??= { db: getDb(), kek: getKeyring(), now: () => new Date() };
  return cached;
}
