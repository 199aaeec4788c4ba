// Every CLI command, in one list. Later features add theirs here.
import type { Command } from "@/server/cli/command";
import { keyCreate, keyRevoke } from "@/server/cli/commands/key";
import { orgCreate } from "@/server/cli/commands/org";

export const COMMANDS: Command<never>[] = [orgCreate, keyCreate, keyRevoke] as unknown as Command<never>[];
