// Start-up resolution for processes that own configuration (the server and
// the CLI): secrets, the database (external, a running server's embedded one,
// or a freshly started embedded one) and migrations. Not imported by code that
// Next.js bundles.
import { getEnv, publishResolvedEnv } from "@/server/env";
import { log } from "@/server/log/logger";

export interface BootOptions {
  /** Start the embedded PostgreSQL when no DATABASE_URL and no running server. */
  allowEmbeddedStart: boolean;
  /** Prefer the database of an already running server (the CLI does). */
  preferRunningServer: boolean;
  /** Log the dev-secrets warning at debug level (the CLI). */
  quiet?: boolean;
}

export interface Booted {
  databaseUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** Resolves secrets and the database, applies migrations, and publishes the
 * resolved values so every module of this process sees the same config. */
export async function boot(opts: BootOptions): Promise<Booted> {
  const env = getEnv();
  const { loadOrCreateDevSecrets } = await import("@/server/runtime/dev-secrets");
  const { readRuntimeFile } = await import("@/server/runtime/runtime-file");
  const needDev = !env.AUTH_SECRET || !env.AEGIS_KEK || !env.DATABASE_URL;
  const dev = needDev ? loadOrCreateDevSecrets(env.dataDir) : undefined;
  if (dev && (!env.AUTH_SECRET || !env.AEGIS_KEK)) {
    (opts.quiet ? log.debug : log.warn)("using development secrets from the data dir: for local use only; set AUTH_SECRET and AEGIS_KEK in production", {
      data_dir: env.dataDir,
      created: dev.created,
    });
  }
  const resolved: Record<string, string> = {};
  if (!env.AUTH_SECRET && dev) resolved.AUTH_SECRET = dev.secrets.authSecret;
  if (!env.AEGIS_KEK && dev) {
    resolved.AEGIS_KEK = dev.secrets.kek;
    resolved.AEGIS_KEK_ID = dev.secrets.kekId;
  }

  let databaseUrl = env.DATABASE_URL;
  let embedded = false;
  let stop = async () => {};
  if (!databaseUrl && opts.preferRunningServer) {
    const running = readRuntimeFile(env.dataDir);
    if (running && isAlive(running.pid)) databaseUrl = running.databaseUrl;
  }
  if (!databaseUrl) {
    if (!opts.allowEmbeddedStart || !dev) throw new Error("DATABASE_URL is not set and no embedded database is available");
    const { startEmbeddedPostgres } = await import("@/server/db/embedded");
    const db = await startEmbeddedPostgres(env.dataDir, dev.secrets.pgPassword);
    databaseUrl = db.url;
    embedded = true;
    stop = db.stop;
    (opts.quiet ? log.debug : log.info)("embedded PostgreSQL running", { data_dir: env.dataDir });
  }
  resolved.DATABASE_URL = databaseUrl;
  const { applyMigrations } = await import("@/server/db/migrate");
  const applied = await applyMigrations(databaseUrl);
  if (applied.length) (opts.quiet ? log.debug : log.info)("migrations applied", { migrations: applied });
  publishResolvedEnv(resolved);
  return { databaseUrl, embedded, stop };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
