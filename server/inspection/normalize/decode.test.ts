import { describe, expect, it } from "vitest";
import { decodeHtmlEntities, normalizeProse, normalizeValue, urlDecodeRepeated } from "./decode";
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
