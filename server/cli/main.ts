// `aegis <command> [flags]`. Works against DATABASE_URL, or the embedded
// database of a running server (found through <data dir>/runtime.json), or
// starts the embedded database itself when no server runs.
import { parseArgs } from "node:util";
import { UsageError, type Command } from "@/server/cli/command";
import { COMMANDS } from "@/server/cli/registry";
import { AegisError } from "@/server/errors";

function help(): string {
  const lines = COMMANDS.map((c) => `  ${(c.usage ?? `aegis ${c.name}`).padEnd(78)} ${c.summary}`);
  return `Aegis operator CLI\n\nUsage:\n${lines.join("\n")}\n\nEvery command accepts --json for machine-readable output.`;
}

function findCommand(argv: string[]): { cmd: Command<never>; rest: string[] } | undefined {
  for (let n = 3; n >= 1; n--) {
    const name = argv.slice(0, n).join(" ");
    const cmd = COMMANDS.find((c) => c.name === name);
    if (cmd) return { cmd, rest: argv.slice(n) };
  }
  return undefined;
}

const replacer = (_k: string, v: unknown) => (typeof v === "bigint" ? v.toString() : v);

export async function run(argv: string[]): Promise<number> {
  const json = argv.includes("--json");
  const args = argv.filter((a) => a !== "--json");
  const fail = (code: string, message: string, exit: number) => {
    if (json) process.stdout.write(JSON.stringify({ error: { code, message } }) + "\n");
    else process.stderr.write(`error: ${message}\n`);
    return exit;
  };
  if (args.length === 0 || args[0] === "help" || args[0] === "--help" || args[0] === "-h") {
    process.stdout.write(help() + "\n");
    return args.length === 0 ? 2 : 0;
  }
  const found = findCommand(args);
  if (!found) return fail("USAGE", `unknown command "${args.slice(0, 2).join(" ")}"; run "aegis help"`, 2);
  const { cmd, rest } = found;
  let stop: (() => Promise<void>) | undefined;
  let db: import("@/server/db/client").Db | undefined;
  try {
    const options = Object.fromEntries(
      Object.entries(cmd.flags).map(([k, f]) => [k, { type: f.type, multiple: f.multiple ?? false }]),
    );
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
    } catch (e) {
      throw new UsageError((e as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ""));
    }
    for (const [k, f] of Object.entries(cmd.flags)) {
      if (f.required && parsed.values[k] === undefined) throw new UsageError(`--${k} is required (usage: ${cmd.usage ?? cmd.name})`);
    }
    if (!cmd.offline) {
      const { boot } = await import("@/server/boot");
      const booted = await boot({ allowEmbeddedStart: true, preferRunningServer: true, quiet: true });
      if (booted.embedded) stop = booted.stop;
      const { createDb } = await import("@/server/db/client");
      db = createDb(booted.databaseUrl);
    }
    const result = await cmd.run(parsed.values as Record<string, string | boolean | string[] | undefined>, {
      db: db as import("@/server/db/client").Db,
      positionals: parsed.positionals,
    });
    process.stdout.write((json ? JSON.stringify(result, replacer) : cmd.format(result as never)) + "\n");
    return 0;
  } catch (err) {
    if (err instanceof UsageError) return fail("USAGE", err.message, 2);
    if (err instanceof AegisError) return fail(err.code, err.message, 1);
    return fail("INTERNAL", (err as Error).message ?? String(err), 1);
  } finally {
    await db?.$disconnect().catch(() => undefined);
    if (stop) {
      const { endAllPools } = await import("@/server/db/pg-pool");
      await endAllPools();
      await stop();
    }
  }
}
