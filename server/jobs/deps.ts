// Production dependencies of job handlers, resolved from configuration once.
import { keyringFromEnv } from "@/server/audit/kek";
import { getDb } from "@/server/db/client";
import type { TJobDeps } from "./definition";

let cached: TJobDeps | undefined;

export function defaultJobDeps(): TJobDeps {
  cached ??= { db: getDb(), kek: keyringFromEnv(), now: () => new Date() };
  return cached;
}
