/**
 * The Inngest side of the jobs: one client, and each job definition turned into an
 * Inngest function. Used only when Inngest is configured (INNGEST_EVENT_KEY);
 * otherwise local-driver.ts runs the same definitions.
 */
import { Inngest } from "inngest";
import { getEnv } from "@/server/env";
import type { TAnyJob, TJobDeps } from "./definition";
import { JOBS } from "./registry";

export const inngest = new Inngest({ id: "aegis" });

export function isInngestConfigured(): boolean {
  return Boolean(getEnv().INNGEST_EVENT_KEY);
}

export function toInngestFunction(job: TAnyJob, deps: () => TJobDeps) {
  const trigger = "cron" in job.trigger ? { cron: job.trigger.cron } : { event: job.trigger.event };
  return inngest.createFunction({ id: job.id, triggers: [trigger] }, async ({ event }) => {
    const data: unknown = "cron" in job.trigger ? {} : (event as { data?: unknown }).data;
    return job.handler(job.schema.parse(data ?? {}), deps());
  });
}

export function createInngestFunctions(deps: () => TJobDeps, jobs: readonly TAnyJob[] = JOBS) {
  return jobs.map((job) => toInngestFunction(job, deps));
}
