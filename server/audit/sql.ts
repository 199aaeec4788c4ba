/**
 * The few statements of the audit hot path, runnable on either a Prisma interactive
 * transaction or a plain pg client. The sink uses pg directly when given a pool:
 * the batch insert carries one large jsonb parameter, and passing it through Prisma's
 * query compiler cost ~50 µs of CPU per event here (bench/results/audit.md), about a
 * third of the appender's CPU. Every statement names the org explicitly.
 */
import type pg from "pg";
import type { Db, Tx } from "@/server/db/client";
import { forOrg } from "@/server/db/scoped";

export type TSql = { query<T>(text: string, params: unknown[]): Promise<T[]> };

export function prismaSql(tx: Tx): TSql {
  return { query: <T>(text: string, params: unknown[]) => tx.$queryRawUnsafe<T[]>(text, ...params) };
}

export function pgSql(client: pg.PoolClient): TSql {
  return { query: async <T>(text: string, params: unknown[]) => (await client.query(text, params)).rows as T[] };
}

export type TSqlTarget = { db: Db; pool?: pg.Pool };

/** Runs fn in one transaction on the pool when there is one, else through Prisma (scoped to the org). */
export async function inTransaction<T>(target: TSqlTarget, orgId: string, timeoutMs: number, fn: (sql: TSql) => Promise<T>): Promise<T> {
  const { pool } = target;
  if (!pool) return forOrg(target.db, orgId).$transaction((tx) => fn(prismaSql(tx)), { timeout: timeoutMs, maxWait: timeoutMs });
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query(`BEGIN; SET LOCAL statement_timeout = ${Math.floor(timeoutMs)}`);
    const result = await fn(pgSql(client));
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => (broken = true));
    throw err;
  } finally {
    // A connection whose state is unknown is discarded rather than reused.
    client.release(broken);
  }
}

/** One statement outside an explicit transaction (its own implicit one): one round trip. */
export function autocommitSql(target: TSqlTarget, orgId: string): TSql {
  const { pool } = target;
  if (pool) return { query: async <T>(text: string, params: unknown[]) => (await pool.query(text, params)).rows as T[] };
  const db = forOrg(target.db, orgId);
  return { query: <T>(text: string, params: unknown[]) => db.$queryRawUnsafe<T[]>(text, ...params) };
}

/** Timestamps travel as ISO text and are stored as UTC (the columns are timestamp without zone). */
export const utc = (param: string) => `(${param}::timestamptz AT TIME ZONE 'UTC')`;
export const isoOf = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
