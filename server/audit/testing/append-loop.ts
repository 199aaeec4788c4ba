/**
 * Crash-test child: appends events to one org through the PostgreSQL sink as fast as
 * it can and prints each request_id on stdout only once append() has resolved (that
 * is, after COMMIT). The parent SIGKILLs it mid-run and checks that every printed id
 * is in the database exactly once and the chain is intact.
 *
 *   tsx server/audit/testing/append-loop.ts DATABASE_URL ORG_ID KEK_BASE64 [CONCURRENCY] [thread]
 *
 * With "thread", the sink is the production server's: the appender on a worker thread.
 */
import { createKeyring } from "@/server/crypto/envelope";
import { createDb } from "@/server/db/client";
import { createPgPool } from "@/server/db/pg-pool";
import { createPostgresAuditSink, type AuditSink } from "@/server/audit/appender";
import { createThreadAuditSink } from "@/server/audit/thread-sink";

const [url, orgId, kekBase64, concurrencyArg, mode] = process.argv.slice(2);
if (!url || !orgId || !kekBase64) {
  process.stderr.write("usage: append-loop.ts DATABASE_URL ORG_ID KEK_BASE64 [CONCURRENCY]\n");
  process.exit(2);
}
let sink: AuditSink;
if (mode === "thread") {
  // The thread reads its database and KEK from the environment it starts with.
  Object.assign(process.env, { DATABASE_URL: url, AEGIS_KEK: kekBase64, AEGIS_KEK_ID: "crash" });
  sink = createThreadAuditSink({ databaseUrl: url });
} else {
  sink = createPostgresAuditSink(createDb(url), {
    pool: createPgPool(url, 4), kek: createKeyring({ current: { kid: "crash", key: Buffer.from(kekBase64, "base64") } }) });
}
let n = 0;
const worker = async () => {
  for (;;) {
    const requestId = `crash_${process.pid}_${++n}`;
    await sink.append({
      orgId, requestId, ts: new Date(), agent: "crash-test", upstream: "openai", decision: "ALLOW", stage: null,
      ruleIds: [], findings: [], latencyUs: n, flight: { n },
    });
    process.stdout.write(requestId + "\n");
  }
};
await Promise.all(Array.from({ length: Number(concurrencyArg ?? 32) }, worker));
