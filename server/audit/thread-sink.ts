/**
 * The audit appender on its own thread: the same PostgreSQL sink (appender.ts: group commit,
 * one-statement speculation, locked fallback), run in a worker_thread, behind the same
 * AuditSink interface. The gateway's thread then only hands each draft over; canonicalizing,
 * hashing, Ed25519 signing, serializing the batch and talking to PostgreSQL (about a fifth of an
 * allowed request's CPU) run on another core.
 *
 * Guarantees are the appender's: append() resolves only after the COMMIT that holds the event
 * (the worker answers after its sink resolved), and rejects when the batch failed, when the
 * worker died (every append in flight is rejected: the gateway then refuses those requests,
 * fail-closed) or when the sink is closed. A new worker is started on the next append after a
 * death. Drafts cross the thread boundary by structured clone, so they must be plain data
 * (Dates allowed), which AuditDraft is.
 *
 * Used by the node:http production server (server/main.ts, AEGIS_AUDIT_THREAD=on, the default).
 * Code bundled by Next.js cannot start a worker from a source file; it shares the server's
 * gateway instance (server/gateway/instance.ts) rather than building its own.
 */
import { Worker } from "node:worker_threads";
import type { AuditDraft, AuditSink } from "./appender";

export type TThreadSinkOptions = {
  databaseUrl: string;
  /** PostgreSQL connections of the worker's pool (default 4). */
  poolSize?: number;
};

export type TToWorker =
  | { type: "append"; items: { id: number; draft: AuditDraft }[] }
  | { type: "close" };
export type TFromWorker =
  | { type: "done"; results: ({ id: number; seq: number; hash: string } | { id: number; error: string })[] }
  | { type: "closed" }
  | { type: "fatal"; error: string };

type TWaiter = { resolve(v: { seq: number; hash: string }): void; reject(e: unknown): void };

// A plain-JS entry that loads thread-sink-worker.ts through tsx (workers do not inherit loaders).
const ENTRY = new URL("./thread-sink-boot.mjs", import.meta.url);

function startWorker(opts: TThreadSinkOptions): Worker {
  return new Worker(ENTRY, { workerData: { databaseUrl: opts.databaseUrl, poolSize: opts.poolSize ?? 4 }, env: process.env });
}

export function createThreadAuditSink(opts: TThreadSinkOptions): AuditSink {
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<number, TWaiter>();
  let outbox: { id: number; draft: AuditDraft }[] = [];
  let flushScheduled = false;
  let closed = false;
  let onClosed: (() => void) | null = null;

  const failAll = (error: Error) => {
    const all = [...waiting.values()];
    waiting.clear();
    for (const w of all) w.reject(error);
  };

  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const w = startWorker(opts);
    w.on("message", (msg: TFromWorker) => {
      if (msg.type === "done") {
        for (const r of msg.results) {
          const waiter = waiting.get(r.id);
          if (!waiter) continue;
          waiting.delete(r.id);
          if ("error" in r) waiter.reject(new Error(r.error));
          else waiter.resolve({ seq: r.seq, hash: r.hash });
        }
        if (waiting.size === 0) w.unref();
      } else if (msg.type === "closed") {
        onClosed?.();
      } else if (msg.type === "fatal") {
        // It cannot serve: forget it now, so the next append starts a new one.
        dead(`failed to start: ${msg.error}`);
        void w.terminate();
      }
    });
    const dead = (why: string) => {
      if (worker !== w) return;
      worker = null;
      failAll(new Error(`audit thread ${why}`));
      onClosed?.();
    };
    w.on("error", (err) => dead(`crashed: ${err.message}`));
    w.on("exit", (code) => dead(`exited (code ${code})`));
    worker = w;
    return w;
  };

  // Drafts of one event-loop turn go over in one message.
  const flush = () => {
    flushScheduled = false;
    if (outbox.length === 0) return;
    const items = outbox;
    outbox = [];
    const w = ensureWorker();
    w.ref();
    try {
      w.postMessage({ type: "append", items } satisfies TToWorker);
    } catch (err) {
      // A draft that cannot be cloned (a function, a symbol): refuse those appends, not the process.
      for (const { id } of items) {
        const waiter = waiting.get(id);
        waiting.delete(id);
        waiter?.reject(new Error(`audit draft cannot cross to the audit thread: ${(err as Error).message}`));
      }
    }
  };

  // Start the thread now (unreferenced: it never keeps the process alive by itself), so the first
  // request does not wait for it to load.
  ensureWorker().unref();

  return {
    append(draft) {
      if (closed) return Promise.reject(new Error("audit sink is closed"));
      return new Promise((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        outbox.push({ id, draft });
        if (!flushScheduled) {
          flushScheduled = true;
          setImmediate(flush);
        }
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      flush();
      const w = worker;
      if (!w) return;
      await new Promise<void>((resolve) => {
        onClosed = resolve;
        w.postMessage({ type: "close" } satisfies TToWorker);
      });
      worker = null;
      await w.terminate();
    },
  };
}
