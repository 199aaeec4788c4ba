// Runs an `aegis` command in-process (same code as bin/aegis.mjs) and returns
// its exit code and parsed --json output.
import { vi } from "vitest";
import { run } from "@/server/cli/main";
import { flushLogs } from "@/server/log/logger";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- command outputs differ per command; tests assert their shape
export async function runCliJson(args: string[]): Promise<{ code: number; out: any }> {
  let out = "";
  flushLogs(); // log lines of earlier work must not land in this command's output
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    const code = await run([...args, "--json"]);
    return { code, out: JSON.parse(out.trim()) };
  } finally {
    spy.mockRestore();
  }
}
