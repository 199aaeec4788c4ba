// An @upstash/redis Requester that speaks to a self-hosted Redis over TCP,
// so Upstash in the cloud and any Redis on-premises share one code path.
// Batches arrive with path[0] = "pipeline" or "multi-exec".
import { createClient } from "redis";
import type { Requester, UpstashRequest, UpstashResponse } from "@upstash/redis";

type Cmd = (string | number | boolean)[];
type Reply = unknown;

// @upstash/ratelimit 2.1+ prefixes its Lua with an Upstash-only shebang flag
// that stock Redis rejects; dropping it only narrows Upstash's key locking.
function stripShebang(cmd: string[]): string[] {
  const name = cmd[0]?.toUpperCase();
  if ((name === "EVAL" || name === "SCRIPT") && cmd.length > 1) {
    const i = name === "EVAL" ? 1 : 2;
    const script = cmd[i];
    if (script?.startsWith("#!lua")) cmd[i] = script.slice(script.indexOf("\n") + 1);
  }
  return cmd;
}

const CONNECT_WAIT_MS = 500;

export interface TcpRequester extends Requester {
  close(): Promise<void>;
}

export function createTcpRequester(url: string): TcpRequester {
  // Commands fail fast while disconnected (no offline queue): the gateway's
  // degraded mode needs an error, not a request hanging on a dead Redis.
  const client = createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy: (n) => Math.min(n * 50, 1000), connectTimeout: 1000 } });
  client.on("error", () => undefined); // surfaced per command instead
  let connecting: Promise<unknown> | undefined;
  const ready = async () => {
    if (client.isReady) return;
    if (!client.isOpen) connecting ??= client.connect().finally(() => (connecting = undefined));
    const waitReady = new Promise<void>((resolve) => client.once("ready", () => resolve()));
    await Promise.race([
      connecting ?? waitReady,
      new Promise((_, reject) => setTimeout(() => reject(new Error("redis unavailable")), CONNECT_WAIT_MS).unref()),
    ]);
  };
  // EVALSHA of a script whose shebang we stripped would miss; the ratelimit
  // library falls back to EVAL on NOSCRIPT, which we handle above.
  const send = async (cmd: Cmd): Promise<Reply> =>
    client.sendCommand(stripShebang(cmd.map((a) => String(a))));

  return {
    async request<TResult>(req: UpstashRequest): Promise<UpstashResponse<TResult>> {
      try {
        await ready();
        const kind = req.path?.[0];
        if (kind === "pipeline" || kind === "multi-exec") {
          const cmds = req.body as Cmd[];
          const multi = kind === "multi-exec";
          const out: UpstashResponse<unknown>[] = [];
          if (multi) await send(["MULTI"]);
          for (const c of cmds) {
            try {
              const r = await send(c);
              out.push(multi ? { result: undefined } : { result: r });
            } catch (e) {
              out.push({ error: (e as Error).message });
            }
          }
          if (multi) {
            const results = (await send(["EXEC"])) as unknown[];
            return { result: results.map((r) => ({ result: r })) as TResult };
          }
          return { result: out as TResult };
        }
        return { result: (await send(req.body as Cmd)) as TResult };
      } catch (e) {
        return { error: (e as Error).message };
      }
    },
    async close() {
      if (client.isOpen) await client.quit();
    },
  };
}
