// A CLI command: a name ("key create"), its flags, and a run function that
// calls server modules. Output is JSON with --json, readable text otherwise.
import type { Db } from "@/server/db/client";
import { forOrg } from "@/server/db/scoped";
import { getOrgByRefOrThrow } from "@/server/orgs/find-org";

export type FlagSpec = Record<string, { type: "string" | "boolean"; required?: boolean; description: string; multiple?: boolean }>;

export interface CliContext {
  db: Db;
  /** Positional words after the command name (e.g. "on" in `kill ... on`). */
  positionals: string[];
}

export interface Command<R = unknown> {
  name: string;
  summary: string;
  usage?: string;
  flags: FlagSpec;
  /** Commands that do not need the database (e.g. offline verification). */
  offline?: boolean;
  run(flags: Record<string, string | boolean | string[] | undefined>, ctx: CliContext): Promise<R>;
  format(result: R): string;
}

export class UsageError extends Error {}

export function requireString(flags: Record<string, unknown>, name: string): string {
  const v = flags[name];
  if (typeof v !== "string" || v.length === 0) throw new UsageError(`--${name} is required`);
  return v;
}

export const ORG_FLAG = { type: "string", required: true, description: "organization id or slug" } as const;

/** The organization named by --org (id or slug), and a client scoped to it. */
export async function orgFromFlags(db: Db, flags: Record<string, unknown>) {
  const org = await getOrgByRefOrThrow(db, requireString(flags, "org"));
  return { org, sdb: forOrg(db, org.id) };
}
