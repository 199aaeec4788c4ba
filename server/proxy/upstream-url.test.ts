import { describe, expect, it } from "vitest";
import { buildUpstreamUrl } from "@/server/proxy/upstream-url";

describe("buildUpstreamUrl", () => {
  it("joins the path under the base path and keeps the base's parameters first", () => {
    expect(buildUpstreamUrl("https://api.example.com/v1?api-version=2024", "/chat/completions", "?stream=true").href).toBe(
      "https://api.example.com/v1/chat/completions?api-version=2024&stream=true",
    );
    expect(buildUpstreamUrl("https://api.example.com/v1/", "items", "").href).toBe("https://api.example.com/v1/items");
    expect(buildUpstreamUrl("https://api.example.com", "/items", new URLSearchParams({ q: "a b" })).href).toBe("https://api.example.com/items?q=a+b");
  });

  it("forwards the caller's query as sent, encoding only what a URL cannot carry", () => {
    const url = buildUpstreamUrl("http://127.0.0.1:9/api", "/items", "id=1%27%20OR%201=1&tag=a+b&x=%E2%9C%93&empty=&flag");
    expect(url.search).toBe("?id=1%27%20OR%201=1&tag=a+b&x=%E2%9C%93&empty=&flag");
    expect(buildUpstreamUrl("http://127.0.0.1:9/api", "/items", 'q=<"x">').search).toBe("?q=%3C%22x%22%3E");
  });

  it("refuses paths that escape the base, before or after normalization", () => {
    for (const path of ["/../admin", "/%2e%2e/admin", "/..%2fadmin", "/a\\..\\..\\admin", "/x?y=1", "/x#frag", "/x\r\nHost: evil"]) {
      expect(() => buildUpstreamUrl("https://api.example.com/v1", path), path).toThrow(/path/);
    }
    expect(buildUpstreamUrl("https://api.example.com/v1", "/a/../b").pathname).toBe("/v1/b");
  });

  it("keeps each base apart (the parsed base is cached per URL)", () => {
    expect(buildUpstreamUrl("https://a.example.com/one?k=1", "/x").href).toBe("https://a.example.com/one/x?k=1");
    expect(buildUpstreamUrl("https://b.example.com/two", "/x").href).toBe("https://b.example.com/two/x");
    expect(buildUpstreamUrl("https://a.example.com/one?k=1", "/y", "z=2").href).toBe("https://a.example.com/one/y?k=1&z=2");
  });
});
