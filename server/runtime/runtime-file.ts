// The running server records where its embedded services live, so the CLI
// (another process) can reach the same database.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const ZRuntime = z.object({ databaseUrl: z.string(), pid: z.number(), startedAt: z.string() });
export type TRuntime = z.infer<typeof ZRuntime>;

const fileIn = (dataDir: string) => path.join(dataDir, "runtime.json");

export function writeRuntimeFile(dataDir: string, data: TRuntime): void {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(fileIn(dataDir), JSON.stringify(data, null, 2), { mode: 0o600 });
}

export function readRuntimeFile(dataDir: string): TRuntime | undefined {
  try {
    return ZRuntime.parse(JSON.parse(fs.readFileSync(fileIn(dataDir), "utf8")));
  } catch {
    return undefined;
  }
}
