#!/usr/bin/env node
// `aegis` operator CLI: runs server/cli/main.ts through tsx, so the CLI uses
// the very same server modules as the web app.
import { register } from "tsx/esm/api";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

register();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { run } = await import(pathToFileURL(path.join(root, "server/cli/main.ts")).href);
const code = await run(process.argv.slice(2));
// Exit explicitly: the embedded database's exit hooks would otherwise end the
// process with status 0 after an error.
process.exit(code);
