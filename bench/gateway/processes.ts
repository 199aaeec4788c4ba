// Process plumbing for the gateway bench: a throw-away database, child
// processes that announce their port, the operator CLI, and CPU accounting.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createScratchDatabase } from "@/server/testing/scratch-db";

const run = promisify(execFile);
export const ROOT = path.resolve(import.meta.dirname, "../..");

export interface BenchDatabase {
  url: string;
  /** "external" (a fresh database on DATABASE_URL's server) or "embedded". */
  kind: "external" | "embedded";
  drop(): Promise<void>;
}

/** A fresh, migrated database: on DATABASE_URL's server, else an embedded PostgreSQL in a temp dir. */
export async function createBenchDatabase(tmp: string): Promise<BenchDatabase> {
  let adminUrl = process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!adminUrl) {
    const { startEmbeddedPostgres } = await import("@/server/db/embedded");
    const dir = path.join(tmp, "pg");
    fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
    const db = await startEmbeddedPostgres(dir, "bench-password-not-secret");
    adminUrl = db.url;
    stopEmbedded = db.stop;
  }
  const scratch = await createScratchDatabase(adminUrl, "aegis_bench_gw", path.join(ROOT, "prisma/migrations"));
  return {
    url: scratch.url,
    kind: stopEmbedded ? "embedded" : "external",
    async drop() {
      await scratch.drop();
      await stopEmbedded?.();
    },
  };
}

export interface Child {
  pid: number;
  /** The process and its cluster workers (CPU accounting). */
  pids: number[];
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
/** Kills every child this process started (on exit, even after a failure). */
export function killChildren(): void {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
}

/**
 * Starts a process that prints {"event":"listening","port":N} on stdout (our
 * upstream and serve-gateway), or, with `port` given, one that listens there
 * and answers `readyPath` (server/main.ts). Output goes to `logFile`.
 */
export async function startChild(
  args: string[],
  env: NodeJS.ProcessEnv,
  logFile: string,
  ready: { port?: number; readyPath?: string; timeoutMs?: number } = {},
): Promise<Child> {
  const log = fs.openSync(logFile, "a");
  // stdout and stderr go straight to the log file. Through a pipe read by this process (which is
  // also the load generator) the server's synchronous stdout writes would block whenever the
  // generator was slow to read: a stall of the benchmark's making.
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", log, log] });
  children.add(child);
  child.once("exit", () => children.delete(child));
  const timeoutMs = ready.timeoutMs ?? 120_000;
  let workers: number[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(" ")} did not start within ${timeoutMs} ms (see ${logFile})`)), timeoutMs);
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code} (see ${logFile})`)));
    if (ready.port === undefined) {
      // The child announces {"event":"listening","port":N} as a line of its log.
      const start = fs.statSync(logFile).size;
      const look = () => {
        const text = fs.readFileSync(logFile, "utf8").slice(start);
        // Complete lines only: the child may be mid-write.
        const line = text.slice(0, text.lastIndexOf("\n") + 1).split("\n").find((l) => l.includes('"listening"'));
        if (!line) return void setTimeout(look, 50);
        clearTimeout(timer);
        const announced = JSON.parse(line) as { port: number; workers?: number[] };
        workers = announced.workers ?? [];
        resolve(announced.port);
      };
      look();
    }
    if (ready.port !== undefined) {
      const url = `http://127.0.0.1:${ready.port}${ready.readyPath ?? "/"}`;
      const poll = async () => {
        try {
          const res = await fetch(url);
          await res.arrayBuffer();
          if (res.ok) return (clearTimeout(timer), resolve(ready.port as number));
        } catch {
          // not listening yet
        }
        setTimeout(poll, 250);
      };
      void poll();
    }
  });
  return {
    pid: child.pid ?? -1,
    pids: [child.pid ?? -1, ...workers],
    port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.once("exit", () => (clearTimeout(force), resolve()));
        child.kill("SIGTERM");
      }),
  };
}

/** Runs `aegis <args> --json` and returns its parsed output. */
export async function aegisCli<T>(args: string[], env: NodeJS.ProcessEnv): Promise<T> {
  const { stdout } = await run(process.execPath, [path.join(ROOT, "bin/aegis.mjs"), ...args, "--json"], { cwd: ROOT, env, maxBuffer: 1 << 20 });
  const parsed = JSON.parse(stdout) as T | { error: { message: string } };
  if (parsed && typeof parsed === "object" && "error" in parsed) throw new Error(`aegis ${args.join(" ")}: ${parsed.error.message}`);
  return parsed as T;
}

/** User + system CPU seconds of processes so far (Linux /proc), or NaN elsewhere. */
export function cpuSeconds(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + cpuSecondsOf(`/proc/${pid}/stat`), 0);
}

/**
 * CPU of the processes' main threads only (the event loops that serve requests), without their
 * helper threads (audit thread, libuv pool, GC). The number that bounds one process's throughput.
 */
export function mainThreadCpuSeconds(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + cpuSecondsOf(`/proc/${pid}/task/${pid}/stat`), 0);
}

function cpuSecondsOf(statFile: string): number {
  try {
    const stat = fs.readFileSync(statFile, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "aegis-bench-gw-"));
}
