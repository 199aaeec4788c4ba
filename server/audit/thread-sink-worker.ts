// The audit thread (see thread-sink.ts): runs the PostgreSQL sink and answers each append
// once its batch committed. Answers of one event-loop turn go back in one message.
import { parentPort, workerData } from "node:worker_threads";
import { createPostgresAuditSink } from "./appender";
import type { TFromWorker, TToWorker } from "./thread-sink";
import { getDb } from "@/server/db/client";
import { createPgPool } from "@/server/db/pg-pool";
import { getKeyring } from "@/server/secrets/keyring";

const port = parentPort;
if (!port) throw new Error("thread-sink-worker.ts runs as a worker_thread (createThreadAuditSink)");
const { databaseUrl, poolSize } = workerData as { databaseUrl: string; poolSize: number };

type TResult = Extract<TFromWorker, { type: "done" }>["results"][number];
let results: TResult[] = [];
let scheduled = false;
const reply = (r: TResult) => {
  results.push(r);
  if (scheduled) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    const out = results;
    results = [];
    port.postMessage({ type: "done", results: out } satisfies TFromWorker);
  });
};

let sink: ReturnType<typeof createPostgresAuditSink>;
let pool: ReturnType<typeof createPgPool>;
try {
  pool = createPgPool(databaseUrl, poolSize, { statementTimeoutMs: 30_000 });
  sink = createPostgresAuditSink(getDb(), { kek: getKeyring(), pool });
} catch (err) {
  port.postMessage({ type: "fatal", error: err instanceof Error ? err.message : String(err) } satisfies TFromWorker);
  throw err;
}

port.on("message", (msg: TToWorker) => {
  if (msg.type === "append") {
    for (const { id, draft } of msg.items) {
      sink.append(draft).then(
        ({ seq, hash }) => reply({ id, seq, hash }),
        (err: unknown) => reply({ id, error: err instanceof Error ? err.message : String(err) }),
      );
    }
  } else if (msg.type === "close") {
    void sink
      .close()
      .catch(() => undefined)
      .then(() => new Promise((r) => setImmediate(r)))
      .then(() => pool.end().catch(() => undefined))
      .then(() => port.postMessage({ type: "closed" } satisfies TFromWorker));
  }
});
