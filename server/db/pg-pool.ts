// pg.Pool whose clients report PostgreSQL `name` columns as `text`.
// Works around prisma/prisma#27403: migrations through adapter-pg fail with
// "Column type 'name' could not be deserialized". Remove once fixed upstream.
import pg from "pg";

const NAME_OID = 19;
const TEXT_OID = 25;

type Field = { dataTypeID: number };
type Result = { fields?: Field[] } | undefined;

function rewrite<T>(result: T): T {
  const results: Result[] = Array.isArray(result) ? (result as Result[]) : [result as Result];
  for (const r of results) {
    for (const f of r?.fields ?? []) if (f.dataTypeID === NAME_OID) f.dataTypeID = TEXT_OID;
  }
  return result;
}

class NameAsTextClient extends pg.Client {
  // pg's query has many overloads; we only wrap the result and pass the rest through.
  override query(...args: unknown[]): never {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      const cb = last as (err: Error | null, res: unknown) => void;
      args[args.length - 1] = (err: Error | null, res: unknown) => cb(err, err ? res : rewrite(res));
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    const out = (super.query as (...a: unknown[]) => unknown)(...args);
    if (out && typeof (out as Promise<unknown>).then === "function") {
      return (out as Promise<unknown>).then(rewrite) as never;
    }
    return out as never;
  }
}

const pools = new Set<pg.Pool>();

/** Ends every pool this process opened (before stopping an embedded database). */
export async function endAllPools(): Promise<void> {
  await Promise.all([...pools].map((p) => p.end().catch(() => undefined)));
  pools.clear();
}

export function createPgPool(connectionString: string, max = 10, opts: { statementTimeoutMs?: number } = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString, max, Client: NameAsTextClient as unknown as typeof pg.Client,
    ...(opts.statementTimeoutMs ? { statement_timeout: opts.statementTimeoutMs } : {}),
  });
  // An idle client losing its connection (database restart) must not crash
  // the process; the pool replaces it on the next checkout.
  pool.on("error", (err) => process.stderr.write(JSON.stringify({ level: "warn", msg: "idle database connection lost", error: err.message }) + "\n"));
  pools.add(pool);
  return pool;
}
