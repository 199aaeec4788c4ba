import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { publishResolvedEnv } from "@/server/env";
import { flushLogs, log } from "@/server/log/logger";

describe("logger: one write per stream per event-loop turn, order kept", () => {
  const level = process.env.LOG_LEVEL;
  beforeAll(() => publishResolvedEnv({ LOG_LEVEL: "info" }));
  afterAll(() => publishResolvedEnv({ LOG_LEVEL: level ?? "info" }));
  afterEach(() => vi.restoreAllMocks());

  function capture() {
    const writes: { stream: "out" | "err"; text: string }[] = [];
    flushLogs();
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => (writes.push({ stream: "out", text: String(chunk) }), true));
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => (writes.push({ stream: "err", text: String(chunk) }), true));
    return writes;
  }

  it("batches info lines into one write on the next turn", async () => {
    const writes = capture();
    log.info("first", { n: 1 });
    log.info("second", { n: 2 });
    expect(writes).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(writes).toHaveLength(1);
    const lines = writes[0]!.text.trimEnd().split("\n").map((l) => JSON.parse(l) as { msg: string; n: number; level: string });
    expect(lines.map((l) => [l.msg, l.n, l.level])).toEqual([["first", 1, "info"], ["second", 2, "info"]]);
  });

  it("writes an error at once, after the lines logged before it", () => {
    const writes = capture();
    log.info("before");
    log.error("boom", { err: new Error("bad") });
    expect(writes.map((w) => [w.stream, JSON.parse(w.text).msg])).toEqual([["out", "before"], ["err", "boom"]]);
    expect(JSON.parse(writes[1]!.text)).toMatchObject({ level: "error", error: "bad", error_name: "Error" });
  });

  it("keeps stdout lines ahead of a later warning", async () => {
    const writes = capture();
    log.info("a");
    log.warn("w");
    log.info("b");
    await new Promise((r) => setImmediate(r));
    expect(writes.map((w) => [w.stream, w.text.trimEnd().split("\n").map((l) => JSON.parse(l).msg).join(",")])).toEqual([
      ["out", "a"],
      ["err", "w"],
      ["out", "b"],
    ]);
  });

  it("flushLogs writes what is pending", () => {
    const writes = capture();
    log.info("pending");
    flushLogs();
    expect(writes.map((w) => JSON.parse(w.text).msg)).toEqual(["pending"]);
  });
});
