import { describe, expect, it } from "vitest";
import { generateApiKey, hashApiKey, looksLikeApiKey } from "@/server/auth/api-key-format";

describe("API key format", () => {
  it("generates unique, well-formed keys whose hash and prefix are derived", () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).not.toBe(b.key);
    expect(looksLikeApiKey(a.key)).toBe(true);
    expect(a.key.startsWith(a.prefix)).toBe(true);
    expect(a.prefix.length).toBe(12);
    expect(a.hash).toBe(hashApiKey(a.key));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("rejects look-alikes", () => {
    expect(looksLikeApiKey("aegis_short")).toBe(false);
    expect(looksLikeApiKey("sk-" + "a".repeat(40))).toBe(false);
    expect(looksLikeApiKey("aegis_" + "a".repeat(39) + "!")).toBe(false);
  });
});

import { slugify } from "@/server/orgs/slug";

describe("org slugs", () => {
  it("never shadow the app's own routes", () => {
    expect(slugify("Sign In")).toBe("sign-in-org");
    expect(slugify("API")).toBe("api-org");
    expect(slugify("Ünïcode Ltd.")).toBe("unicode-ltd");
    expect(slugify("!!!")).toBe("org");
  });
});
