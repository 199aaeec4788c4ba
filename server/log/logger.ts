// Structured JSON logs, one line per event, with a request id when there is one.
// Secrets never reach logs: callers pass ids and prefixes, not keys.
import { getEnv } from "@/server/env";

type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type Fields = Record<string, unknown>;

function threshold(): number {
  try {
    return ORDER[getEnv().LOG_LEVEL];
  } catch {
    return ORDER.info;
  }
}

function serializeError(err: unknown): Fields {
  if (err instanceof Error) return { error: err.message, error_name: err.name, stack: err.stack };
  return { error: String(err) };
}

function write(level: Level, msg: string, fields: Fields = {}): void {
  if (ORDER[level] < threshold()) return;
  const { err, ...rest } = fields;
  const line = JSON.stringify({
    ts: new Date().toISOString(),
    level,
    msg,
    ...rest,
    ...(err === undefined ? {} : serializeError(err)),
  });
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line + "\n");
}

export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
  child(bound: Fields): Logger;
}

function make(bound: Fields): Logger {
  return {
    debug: (m, f) => write("debug", m, { ...bound, ...f }),
    info: (m, f) => write("info", m, { ...bound, ...f }),
    warn: (m, f) => write("warn", m, { ...bound, ...f }),
    error: (m, f) => write("error", m, { ...bound, ...f }),
    child: (more) => make({ ...bound, ...more }),
  };
}

export const log: Logger = make({});
