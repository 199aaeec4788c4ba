// Node Readable -> Web ReadableStream that forwards each chunk as it arrives (no buffering beyond
// one chunk), honours backpressure by pausing the source, and errors the stream when the upstream
// stays silent for `idleTimeoutMs` while the consumer is waiting (an SSE stream that stalls).
import type { Readable } from "node:stream";
import { UpstreamError, toUpstreamError } from "@/server/proxy/upstream-error";

export function toWebStream(source: Readable, opts: { idleTimeoutMs: number; host: string }): ReadableStream<Uint8Array> {
  let timer: NodeJS.Timeout | undefined;
  let isDone = false;
  const disarm = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  const arm = () => {
    disarm();
    timer = setTimeout(() => {
      source.destroy(new UpstreamError("timeout", `upstream ${opts.host} sent no data for ${opts.idleTimeoutMs} ms`));
    }, opts.idleTimeoutMs);
  };

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        arm();
        source.on("data", (chunk: Buffer) => {
          if (isDone) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          // Pause while the consumer is behind; a slow client is not an upstream stall.
          if ((controller.desiredSize ?? 0) <= 0) {
            source.pause();
            disarm();
          } else arm();
        });
        source.once("end", () => {
          disarm();
          if (isDone) return;
          isDone = true;
          controller.close();
        });
        source.once("error", (err) => {
          disarm();
          if (isDone) return;
          isDone = true;
          controller.error(toUpstreamError(err, opts.host));
        });
      },
      pull() {
        if (source.isPaused() && !isDone) {
          arm();
          source.resume();
        }
      },
      cancel() {
        disarm();
        isDone = true;
        source.destroy();
      },
    },
    { highWaterMark: 1 },
  );
}
