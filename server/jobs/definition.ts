/**
 * A job is a definition plus a handler: id, trigger (a cron schedule or an event
 * name), a zod payload schema and the handler. Inngest serves the definitions at
 * /api/inngest; without Inngest the local driver runs the same definitions
 * in-process. Handlers get their dependencies injected, never from singletons.
 */
import type { z } from "zod";
import type { TKeyring } from "@/server/crypto/envelope";
import type pg from "pg";
import type { Db } from "@/server/db/client";

/** `pool` (optional): plain pg on the same database, for bulk reads such as sealing. */
export type TJobDeps = { db: Db; kek: TKeyring; now(): Date; pool?: pg.Pool };

export type TJobTrigger = { cron: string } | { event: string };

export type TJob<TSchema extends z.ZodType = z.ZodType> = {
  id: string;
  trigger: TJobTrigger;
  /** Payload of the triggering event (cron runs get {}). */
  schema: TSchema;
  handler(payload: z.infer<TSchema>, deps: TJobDeps): Promise<unknown>;
};

export function defineJob<TSchema extends z.ZodType>(job: TJob<TSchema>): TJob<TSchema> {
  return job;
}

/** Jobs as stored in one list, erasing each payload type (it is parsed at run time). */
export type TAnyJob = TJob<z.ZodType>;
