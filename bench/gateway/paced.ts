// An open-loop load generator at a fixed rate, for the "added latency at N requests/s" rows.
//
// Requests are scheduled at evenly spaced instants (t0 + i/rate) and sent when due, whatever
// the earlier ones are doing (keep-alive sockets, up to `maxConnections`; beyond that they queue
// in the agent). Latency is measured from the scheduled instant to the end of the response, so
// time spent waiting for a socket or behind a slow response counts (no coordinated omission,
// as in wrk2). The generator's own timer lateness counts too, equally in every row, which is why
// the target compares the gateway row with the direct row at the same rate.
//
// Why not autocannon's overallRate: it is a per-second budget per connection, not pacing. Each
// connection sends back to back until it has made its share of the second's requests, then
// idles, so a "1,000/s" run is bursts at full concurrency at the start of every second.
import http from "node:http";

export type TPacedOptions = {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  rate: number;
  durationS: number;
  maxConnections: number;
};

export type TPacedResult = {
  latenciesMs: Float64Array;
  statuses: Record<string, number>;
  errors: number;
  elapsedS: number;
  /** How late the generator sent requests relative to their schedule (ms), p99. */
  sendLateP99Ms: number;
  /** Server-Timing durations per stage (ms), sorted, when the server sends them (the gateway does). */
  stagesMs: Record<string, number[]>;
};

export async function runPaced(o: TPacedOptions): Promise<TPacedResult> {
  const target = new URL(o.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.maxConnections, maxFreeSockets: o.maxConnections });
  const total = Math.round(o.rate * o.durationS);
  const intervalMs = 1000 / o.rate;
  const latencies = new Float64Array(total);
  const late = new Float64Array(total);
  const statuses: Record<string, number> = {};
  const stagesMs: Record<string, number[]> = {};
  let errors = 0;
  let sent = 0;
  let done = 0;
  const body = o.body === undefined ? undefined : Buffer.from(o.body);
  const headers = { ...o.headers, ...(body ? { "content-length": String(body.byteLength) } : {}) };

  return new Promise<TPacedResult>((resolve) => {
    const start = performance.now() + 20;
    const finish = () => {
      agent.destroy();
      const sorted = late.slice(0, sent).sort();
      resolve({
        latenciesMs: latencies.slice(0, done).sort(),
        statuses,
        errors,
        elapsedS: (performance.now() - start) / 1000,
        sendLateP99Ms: sorted[Math.floor(sorted.length * 0.99)] ?? 0,
        stagesMs: Object.fromEntries(Object.entries(stagesMs).map(([k, v]) => [k, v.sort((a, b) => a - b)])),
      });
    };
    const complete = (i: number, status: string) => {
      latencies[done++] = performance.now() - (start + i * intervalMs);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (done === total) finish();
    };
    const send = (i: number) => {
      const req = http.request(
        { host: target.hostname, port: target.port, path: target.pathname + target.search, method: o.method ?? "GET", headers, agent },
        (res) => {
          const timing = res.headers["server-timing"];
          if (typeof timing === "string") {
            for (const part of timing.split(",")) {
              const m = /^\s*([\w-]+);dur=([\d.]+)/.exec(part);
              if (m) (stagesMs[m[1] as string] ??= []).push(Number(m[2]));
            }
          }
          res.on("data", () => undefined);
          res.on("end", () => complete(i, String(res.statusCode)));
          res.on("error", () => {
            errors++;
            complete(i, "error");
          });
        },
      );
      req.on("error", () => {
        errors++;
        complete(i, "error");
      });
      req.end(body);
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * intervalMs <= now) {
        late[sent] = now - (start + sent * intervalMs);
        send(sent++);
      }
      if (sent < total) {
        // Timers fire on millisecond boundaries at best; spinning to be more exact would take a
        // core from the server on a small machine. A send is at most ~1 ms late (reported).
        const wait = start + sent * intervalMs - performance.now();
        setTimeout(tick, Math.max(1, Math.floor(wait)));
      }
    };
    setTimeout(tick, 20);
  });
}
