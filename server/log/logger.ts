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

// Lines are written in batches: one write per stream per turn of the event loop instead of one
// per line. stdout/stderr to a file or a pipe are synchronous on Linux, so a write per request
// costs the gateway a system call each (~4% of its CPU at load). Order is kept (one queue per
// stream; a warn/error line first flushes what stdout holds), warnings and errors go out at once, and
// whatever is pending is written when the process exits.
type Out = { stream: NodeJS.WriteStream; lines: string[]; bytes: number };
const outs = { stdout: { stream: process.stdout, lines: [], bytes: 0 } as Out, stderr: { stream: process.stderr, lines: [], bytes: 0 } as Out };
const FLUSH_BYTES = 64 * 1024;
let scheduled = false;

function flushOut(o: Out): void {
  if (o.lines.length === 0) return;
  const text = o.lines.length === 1 ? (o.lines[0] as string) : o.lines.join("");
  o.lines = [];
  o.bytes = 0;
  o.stream.write(text);
}

/** Writes every pending log line now (tests, shutdown). */
export function flushLogs(): void {
  scheduled = false;
  flushOut(outs.stdout);
  flushOut(outs.stderr);
}

process.once("exit", flushLogs);

function emit(level: Level, line: string): void {
  const o = level === "error" || level === "warn" ? outs.stderr : outs.stdout;
  if (o === outs.stderr) flushOut(outs.stdout);
  o.lines.push(line);
  o.bytes += line.length;
  if (o === outs.stderr || o.bytes >= FLUSH_BYTES) return flushOut(o);
  if (!scheduled) {
    scheduled = true;
    setImmediate(flushLogs);
  }
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
  emit(level, line + "\n");
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
