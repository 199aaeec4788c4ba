import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/server/env";

describe("configuration", () => {
  it("applies defaults with nothing configured", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.dataDir.endsWith(".aegis")).toBe(true);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("names the malformed variable", () => {
    expect(() => parseEnv({ PORT: "http" })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must be a postgresql/);
    expect(() => parseEnv({ AEGIS_KEK: "dG9vLXNob3J0" })).toThrow(/AEGIS_KEK: must be 32 bytes/);
    expect(() => parseEnv({ REDIS_URL: "localhost:6379" })).toThrow(ConfigError);
  });

  it("requires both Upstash variables together", () => {
    expect(() => parseEnv({ UPSTASH_REDIS_REST_URL: "https://x.upstash.io" })).toThrow(/UPSTASH_REDIS_REST_TOKEN/);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });
});
