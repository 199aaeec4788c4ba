// The Prisma client for this process, created lazily from the resolved
// DATABASE_URL (real PostgreSQL or the embedded one; same code path).
// Kept on globalThis so the Next.js bundle and the custom server share it.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/server/db/generated/client";
import { createPgPool } from "@/server/db/pg-pool";
import { getEnv } from "@/server/env";

type Db = InstanceType<typeof PrismaClient>;
const KEY = Symbol.for("aegis.prisma");
const g = globalThis as unknown as { [KEY]?: { url: string; db: Db } };

export function getDb(): Db {
  const url = getEnv().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not resolved: start through server.ts or set DATABASE_URL");
  const current = g[KEY];
  if (current && current.url === url) return current.db;
  const db = new PrismaClient({ adapter: new PrismaPg(createPgPool(url, 10)) });
  g[KEY] = { url, db };
  return db;
}

export function createDb(url: string): Db {
  return new PrismaClient({ adapter: new PrismaPg(createPgPool(url, 5)) });
}

export type { Db };
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
