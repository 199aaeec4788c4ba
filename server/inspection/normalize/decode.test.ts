import { describe, expect, it } from "vitest";
import { decodeHtmlEntities, foldAscii, foldUnicode, foldUnicodeProse, isAsciiLike, normalizeProse, normalizeValue, urlDecodeRepeated } from "./decode";
import { extractValues } from "./extract";

describe("normalizeValue", () => {
  it("decodes double and triple URL encoding", () => {
    expect(urlDecodeRepeated("%252e%252e%252f")).toBe("../");
    expect(normalizeValue("%25252e%25252e%25252f")).toBe("../");
  });
  it("decodes overlong UTF-8 dots and slashes but keeps real UTF-8", () => {
    expect(normalizeValue("%c0%ae%c0%ae%c0%afetc")).toBe("../etc");
    expect(normalizeValue("%e0%80%ae%e0%80%ae/")).toBe("../");
    expect(normalizeValue("caf%c3%a9")).toBe("café");
  });
  it("decodes HTML entities with and without semicolons", () => {
    expect(decodeHtmlEntities("&lt;script&gt;&#x61;&#98")).toBe("<script>ab");
  });
  it("folds fullwidth, homoglyph and quote look-alikes", () => {
    expect(normalizeValue("ＳＥＬＥＣＴ")).toBe("select");
    expect(normalizeValue("ѕеlесt")).toBe("select");
    expect(normalizeValue("1´ OR ´1")).toBe("1' or '1");
    expect(normalizeValue("..%u2215etc")).toBe("../etc");
  });
  it("removes zero-width characters", () => {
    expect(normalizeValue("ig\u200bnore")).toBe("ignore");
  });
  it("leaves prose percent signs alone", () => {
    expect(normalizeProse("Growth was 20%2F year")).toBe("growth was 20%2f year");
  });
});

describe("extractValues", () => {
  it("gives every value a location", () => {
    const values = extractValues({
      method: "POST", path: "/v1/items", query: "q=a%20b&page=2", headers: { "user-agent": "UA", cookie: "sid=1; theme=dark", host: "x" },
      body: JSON.stringify({ items: [{ name: "n" }], messages: "x" }), contentType: "application/json",
    });
    const locations = values.map((v) => v.location);
    expect(locations).toEqual(expect.arrayContaining(["path", "query.q", "query.page", "header.user-agent", "cookie.sid", "body.items[0].name", "body.messages"]));
    expect(locations).not.toContain("header.host");
    expect(values.find((v) => v.location === "query.q")?.text).toBe("a b");
  });
  it("recognises OpenAI and Anthropic chat bodies and marks tool results", () => {
    const values = extractValues({
      method: "POST", path: "/v1/messages", query: "", headers: {}, contentType: "application/json",
      body: JSON.stringify({ system: "sys", messages: [{ role: "user", content: [{ type: "text", text: "hi" }, { type: "tool_result", tool_use_id: "t", content: "doc" }] }] }),
    });
    expect(values.filter((v) => v.location.startsWith("body")).map((v) => [v.location, v.role])).toEqual([
      ["body.system", "system"], ["body.messages[0].content[0].text", "user"], ["body.messages[0].content[1].content", "tool"],
    ]);
  });
  it("parses form bodies", () => {
    const values = extractValues({ method: "POST", path: "/", query: "", headers: {}, body: "a=1+2&b=%3Cx%3E", contentType: "application/x-www-form-urlencoded" });
    expect(values.map((v) => [v.location, v.text])).toEqual([["body.a", "1 2"], ["body.b", "<x>"]]);
  });
});

describe("ASCII and Latin-1 fast path", () => {
  // Every character the fast path accepts: ASCII and U+00C0–U+00FF.
  const domain = [...Array.from({ length: 128 }, (_, c) => String.fromCharCode(c)), ...Array.from({ length: 64 }, (_, c) => String.fromCharCode(0xc0 + c))];

  it("accepts exactly ASCII and the Latin-1 letters", () => {
    for (const c of domain) expect(isAsciiLike(c)).toBe(true);
    for (const c of ["\u00a0", "\u00ad", "\u00b4", "\u00bf", "\u0100", "\u0131", "\u2014", "\u2019", "\u0301", "е"]) expect(isAsciiLike(c), c).toBe(false);
  });

  it("gives what the full Unicode path gives, for every character and every pair", () => {
    for (const a of domain) {
      expect(foldAscii(a)).toBe(foldUnicode(a));
      expect(foldAscii(a)).toBe(foldUnicodeProse(a));
      for (const b of domain) {
        const s = a + b;
        const fast = foldAscii(s);
        if (fast !== foldUnicode(s) || fast !== foldUnicodeProse(s)) throw new Error(`fast path differs on ${JSON.stringify(s)}`);
      }
    }
  });

  it("gives what the full Unicode path gives on longer mixed strings", () => {
    let seed = 5;
    const next = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    for (let i = 0; i < 5000; i++) {
      const s = Array.from({ length: 1 + Math.floor(next() * 24) }, () => domain[Math.floor(next() * domain.length)]).join("");
      expect(foldAscii(s)).toBe(foldUnicode(s));
      expect(foldAscii(s)).toBe(foldUnicodeProse(s));
    }
    expect(normalizeValue("13 Rue de l'Église")).toBe("13 rue de l'église");
    expect(normalizeValue("ＳＥＬＥＣＴ Müller")).toBe("select müller");
  });
});
