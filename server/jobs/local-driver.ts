/**
 * The in-process driver: runs the job definitions that Inngest would run, on the
 * same schedules, when Inngest is not configured (the embedded default).
 *
 * - Cron jobs: a timer per job set to the next matching minute (cron.ts); a run
 *   that is still going when the next one is due is skipped, not stacked.
 * - Event jobs: send(event) validates the payload and runs every job listening
 *   for that name directly, resolving with their results.
 * When Inngest is configured, startLocalJobDriver schedules nothing and send()
 * forwards to Inngest, so callers use one API in both set-ups.
 */
import { log } from "@/server/log/logger";
import { parseCron } from "./cron";
import type { TAnyJob, TJobDeps } from "./definition";
import { JOBS } from "./registry";

export type TJobEvent = { name: string; data: unknown };

export type TLocalJobDriver = {
  /** Runs the event's jobs in-process (or sends it to Inngest when configured). */
  send(event: TJobEvent): Promise<unknown[]>;
  /** Runs one job now, as its schedule would (tests, operators). */
  runNow(jobId: string, payload?: unknown): Promise<unknown>;
  stop(): void;
  readonly mode: "local" | "inngest";
};

export type TLocalDriverOptions = {
  jobs?: readonly TAnyJob[];
  deps?: () => TJobDeps;
  /** Force a mode (tests); default: inngest when INNGEST_EVENT_KEY is set. */
  mode?: "local" | "inngest";
  clock?: () => Date;
};

let current: TLocalJobDriver | undefined;

/** Starts the driver once per process; later calls return the running one. */
export async function startLocalJobDriver(options: TLocalDriverOptions = {}): Promise<TLocalJobDriver> {
  current ??= await createLocalJobDriver(options);
  return current;
}

/** The running driver, for code that emits job events (undefined before start-up). */
export function getJobDriver(): TLocalJobDriver | undefined {
  return current;
}

export async function createLocalJobDriver(options: TLocalDriverOptions = {}): Promise<TLocalJobDriver> {
  const jobs = options.jobs ?? JOBS;
  const clock = options.clock ?? (() => new Date());
  const resolveDeps = options.deps ?? (await import("./deps")).defaultJobDeps;
  const mode = options.mode ?? ((await import("./client")).isInngestConfigured() ? "inngest" : "local");
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<string>();
  let stopped = false;

  const run = async (job: TAnyJob, payload: unknown): Promise<unknown> => {
    const data = job.schema.parse(payload ?? {});
    running.add(job.id);
    const started = performance.now();
    try {
      const result = await job.handler(data, resolveDeps());
      log.info("job finished", { job: job.id, ms: Math.round(performance.now() - started) });
      return result;
    } catch (err) {
      log.error("job failed", { job: job.id, err });
      throw err;
    } finally {
      running.delete(job.id);
    }
  };

  const schedule = (job: TAnyJob, cron: ReturnType<typeof parseCron>) => {
    if (stopped) return;
    const now = clock();
    const delay = Math.max(0, cron.next(now).getTime() - now.getTime());
    const timer = setTimeout(() => {
      if (!running.has(job.id)) void run(job, {}).catch(() => undefined);
      else log.warn("job skipped: previous run still going", { job: job.id });
      schedule(job, cron);
    }, delay);
    timer.unref();
    timers.set(job.id, timer);
  };

  if (mode === "local") {
    for (const job of jobs) if ("cron" in job.trigger) schedule(job, parseCron(job.trigger.cron));
  }

  const driver: TLocalJobDriver = {
    mode,
    async send(event) {
      if (mode === "inngest") {
        const { inngest } = await import("./client");
        await inngest.send({ name: event.name, data: event.data as Record<string, unknown> });
        return [];
      }
      const listeners = jobs.filter((j) => "event" in j.trigger && j.trigger.event === event.name);
      return Promise.all(listeners.map((j) => run(j, event.data)));
    },
    async runNow(jobId, payload) {
      const job = jobs.find((j) => j.id === jobId);
      if (!job) throw new Error(`unknown job ${jobId}`);
      return run(job, payload);
    },
    stop() {
      stopped = true;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      if (current === driver) current = undefined;
    },
  };
  return driver;
}
