import { describe, expect, it } from "vitest";
import { parseCron } from "./cron";

describe("parseCron", () => {
  const at = new Date("2026-01-01T10:07:30.000Z");
  it("computes the next run of the supported forms (UTC)", () => {
    expect(parseCron("0 3 * * *").next(at).toISOString()).toBe("2026-01-02T03:00:00.000Z");
    expect(parseCron("*/15 * * * *").next(at).toISOString()).toBe("2026-01-01T10:15:00.000Z");
    expect(parseCron("* * * * *").next(at).toISOString()).toBe("2026-01-01T10:08:00.000Z");
    expect(parseCron("5,50 * * * *").next(at).toISOString()).toBe("2026-01-01T10:50:00.000Z");
    expect(parseCron("0 */6 * * *").next(at).toISOString()).toBe("2026-01-01T12:00:00.000Z");
  });
  it("rejects what it cannot schedule instead of skipping it", () => {
    for (const bad of ["0 0 1 * *", "0 3 * * 1", "60 * * * *", "* *", "a * * * *", "*/0 * * * *"]) {
      expect(() => parseCron(bad), bad).toThrow();
    }
  });
});
