import { describe, expect, it } from "vitest";
import { categories, ids, inJson, inQuery } from "../test-helpers";
import { inspectRequest } from "../index";
import { dequoteShell } from "./rce";

/** Rules written as grammar shapes (issue #4): each with attacks it catches and look-alikes it must not flag. */
function inHeader(name: string, value: string) {
  return inspectRequest({ method: "POST", path: "/upload", query: "", headers: { [name]: value } }).findings;
}

describe("shell evasion shapes", () => {
  it.each([
    ["'wh'oami", "rce-chained-command"],
    ["'c'url localhost", "rce-chained-command"],
    ["www.google.com;c$@at /et$!c/pas$?swd", "rce-chained-command"],
    ["x;pi$()ng -c 1 127.0.0.1", "rce-chained-command"],
    [";'rmt' --version", "rce-chained-command"],
    [";\"curl\" http://evil.example", "rce-chained-command"],
    ["|$u wget test", "rce-chained-command"],
    ["|usr/bin/id", "rce-chained-command"],
    ["{,ifconfig,eth0}", "rce-chained-command"],
    ["{l,-lh}s", "rce-chained-command"],
    ["{,$\"whoami\",}", "rce-chained-command"],
    ["python3.10 -c 'import os'", "rce-chained-command"],
    ["reg add \"HKLM\\System\\CurrentControlSet\" /v x /t REG_DWORD /d 0 /f", "rce-chained-command"],
    ["for /r c:\\ %variable in (set) do command", "rce-windows-batch"],
    ["FOR /F \"tokens=1,2* delims=,\" %% IN (c:\\x.txt) DO ECHO %%", "rce-windows-batch"],
    ["alias a=c${kk}url", "rce-shell-alias"],
    ["() {", "rce-shellshock"],
    ["~+", "rce-ifs-and-expansion"],
    ["while(new Date);", "rce-node-dos"],
  ])("flags %s", (payload, rule) => {
    expect(ids(inQuery(payload))).toContain(rule);
  });
  it.each([
    ["a=/etc&&b=/passwd&&c=cat&&$c $a$b", "rce-variable-command"],
    [":(){ :|:& };:", "rce-shell-function"],
    ["\r\nRCPT TO:<postmaster>", "rce-mail-protocol"],
    ["\r\nA001 STATUS INBOX (MESSAGES)", "rce-mail-protocol"],
  ])("flags %s at paranoia 2", (payload, rule) => {
    expect(ids(inQuery(payload, 2))).toContain(rule);
  });
  it.each([
    "Rock'n'roll \"legends\" tour", "He said \"yes\" and 'no'", "{red,green,blue}", "{id,name,email}", "alias: Bob",
    "our system (the new one) works", "while (loading) please wait", "I waited a while (about an hour)",
    "File (PDF)", "Copy (2)", "price: $5; $10 total", "render() { return x; }", "Mail (work)", "~5 minutes",
    "Data\nQuit smoking tips", "we use reg ex for search", "cmd prompt tips", "reg add-on pricing",
  ])("does not flag %s", (text) => {
    expect(categories(inQuery(text))).not.toContain("rce");
  });
  it("dequotes only what the shell would remove", () => {
    expect(dequoteShell("'wh'oami")).toBe("whoami");
    expect(dequoteShell("O'Brien's")).toBe("O'Brien's");
  });
});

describe("PHP code shapes", () => {
  it.each([
    ["FOOfsockopen()", "rce-php-function"],
    ["exec  (blah)", "rce-php-function"],
    ["exec/*comment*/()", "rce-php-function"],
    ["posix_getpwuid('foo', 25)", "rce-php-function"],
    ["(system)(ls);", "rce-php-dynamic-call"],
    ["\"system\"(ls);", "rce-php-dynamic-call"],
    ["(['system'])[0]('uname');", "rce-php-dynamic-call"],
    ["(sy.(st).em)('uname');", "rce-php-dynamic-call"],
    ["$y = 'sys'.'tem';($y)('uname');", "rce-php-dynamic-call"],
    ["$__[$_[1]](7)", "rce-php-variable-call"],
    ["${@a}(10)", "rce-php-variable-call"],
    ["$function \n (23)", "rce-php-variable-call"],
    ["<? php echo \"test\"", "rce-php-tag"],
    ["<?xml :echo 1;", "rce-php-tag"],
    ["[php]echo 1;[/php]", "rce-php-tag"],
    ["O:8:\"stdClass\":1:{s:1:\"a\";i:2;}", "rce-php-serialized-object"],
    ["$ {'fdf'}", "rce-php-variable"],
    ["allow_url_include=1", "rce-php-ini-directive"],
  ])("flags %s", (payload, rule) => {
    expect(ids(inQuery(payload))).toContain(rule);
  });
  it.each([
    "<?xml version=\"1.0\"?><note/>", "<?xpacket begin=\"?\"?>", "System (v2)", "(system) (see below)", "Sum is $total (approx)",
    "use printf to format output", "My file(s) are attached", "e.g. (st).em", "${}", "extension 123", "O'Neil: 8 items",
  ])("does not flag %s", (text) => {
    expect(categories(inQuery(text))).not.toContain("rce");
  });
});

describe("uploads, encoded code and Java gadgets", () => {
  it.each(["a.php", "shell.jsp ", "fda.phtml......", "dangerous. phtml", "sess_d8ew88tqmabdcokhumchy8htqm", ".htaccess"])("flags the upload file name %s", (name) => {
    expect(ids(inHeader("x-filename", name))).toContain("rce-script-upload");
  });
  it("flags a multipart part named test. php.jpg", () => {
    const body = "--b\nContent-Disposition: form-data; name=\"f\"; filename=\"test. php.jpg\"\nContent-Type: image/jpeg\n\nx\n--b--\n";
    expect(ids(inspectRequest({ method: "POST", path: "/post", query: "", headers: { "content-type": "multipart/form-data; boundary=b" }, body }).findings)).toContain("rce-script-upload");
  });
  it.each(["photo.jpg", "report.pdf", "https://example.com/index.php", "/index.php"])("does not flag the header value %s", (name) => {
    expect(categories(inHeader("x-filename", name))).not.toContain("rce");
  });
  it("flags base64 that decodes to code", () => {
    expect(ids(inQuery(Buffer.from('require("child_process").exec("id")').toString("base64")))).toContain("rce-base64-code");
    expect(ids(inQuery("XyQkTkRfRlVOQyQkXwo="))).toContain("rce-base64-code");
  });
  it("does not flag ordinary base64 or tokens", () => {
    expect(categories(inQuery(Buffer.from("hello world, this is a note").toString("base64")))).not.toContain("rce");
    expect(categories(inQuery("dGhpcyBpcyBmaW5lIGFuZCBkYW5keQ"))).not.toContain("rce");
  });
  it("flags Java gadget names, plain and in base64 (paranoia 2)", () => {
    expect(ids(inQuery("runtime.invokertransformer"))).toContain("rce-java-class");
    expect(ids(inQuery("org.omg.CORBA"))).toContain("rce-java-class");
    expect(ids(inQuery("cHJvY2Vzc2J1aWxkZXI", 2))).toContain("rce-base64-java-gadget");
  });
  it("flags more Node.js primitives and PHP functions", () => {
    expect(ids(inQuery("require('fs').readFileSync('/etc/passwd')"))).toContain("rce-node-code");
    expect(ids(inQuery("this.constructor.constructor('return process')()"))).toContain("rce-node-code");
    expect(ids(inQuery("wp_remote_get('http://x')"))).toContain("rce-php-function");
    expect(categories(inQuery("the fs module docs (node)"))).not.toContain("rce");
    expect(categories(inQuery("import (export) rules"))).not.toContain("rce");
  });
  it("flags Node.js probes", () => {
    expect(ids(inQuery("console[\"info\"](1)"))).toContain("rce-node-probe");
    expect(ids(inQuery("require[req.query.a"))).toContain("rce-node-probe");
    expect(categories(inQuery("see the console for details (F12)"))).not.toContain("rce");
  });
});

describe("XSS shapes", () => {
  it.each([
    ["onmouseover", "xss-event-handler-name"],
    ["onerror=", "xss-event-handler-name"],
    ["\"onzoom=", "xss-handler-breakout"],
    ["+ADw-script+AD4-alert(1)", "xss-charset-evasion"],
    ["\u00bcscript\u00bealert(1)\u00bc/script\u00be", "xss-charset-evasion"],
    ["<div style=\"background:url(javascript:alert(1))\">", "xss-dangerous-attribute"],
    ["<span datasrc=#i datafld=c dataformatas=html></span>", "xss-dangerous-attribute"],
    ["<image xmlns:xlink=\"http://www.w3.org/1999/xlink\">", "xss-svg-element"],
    ["<!ATTLIST img xmlns CDATA \"http://www.w3.org/1999/xhtml\">", "xss-svg-element"],
    ["document /*foo*/ . cookie", "xss-js-call"],
    ["a=alert,a(1)", "xss-js-call"],
  ])("flags %s", (payload, rule) => {
    expect(ids(inQuery(payload))).toContain(rule);
  });
  it.each(["online", "onion", "once upon a time", "on sale", "usage: cp <path> <dest>", "1/4 cup sugar, 3/4 cup flour", "size: 1/4in", "only 1+ad more"])("does not flag %s", (text) => {
    expect(categories(inQuery(text))).not.toContain("xss");
  });
});

describe("traversal shapes", () => {
  it.each([
    ["..%bg%qf..%bg%qfetc%bg%qfpasswd", "trav-mangled-path"],
    ["/........etc/shadow", "trav-mangled-path"],
    ["c:windowswin.ini", "trav-mangled-path"],
    ["......web-infweb.xml", "trav-mangled-path"],
    ["/..\u00e0\\..\u00e0\\", "trav-dot-dot"],
    ["/./\\/././\\/./", "trav-dot-dot"],
    ["convert.iconv.UTF8.CSISO2022KR", "trav-php-filter"],
    ["c:\\xampp\\phpmyadmin\\config.inc", "trav-absolute-system-path"],
  ])("flags %s", (payload, rule) => {
    expect(ids(inQuery(payload))).toContain(rule);
  });
  it.each(["fetch_hosts", "etc. hosts and guests", "./configure", "string.rot", "the windows of system32 fame are old"])("does not flag %s", (text) => {
    expect(categories(inQuery(text))).not.toContain("traversal");
  });
});

describe("SQL injection shapes", () => {
  it.each([
    ["(select count(*) from generate_series(1,5000000))", "sqli-parenthesized-select"],
    ["1' in boolean mode) order by 1#", "sqli-fulltext-breakout"],
    ["char(119)||char(100)||char(99)", "sqli-char-concat"],
    ["or '{\"b\":2}'::jsonb <@ '{\"a\":1}'::jsonb", "sqli-pg-cast"],
    ["password::int", "sqli-pg-cast"],
    ["concat (", "sqli-function-call-probe"],
    ["md5(", "sqli-function-call-probe"],
    ["msdb", "sqli-catalog-probe"],
    ["select @@servername", "sqli-catalog"],
    ["lo_get(16400)", "sqli-catalog"],
    ["make_set(5679=9769,9769)", "sqli-conditional"],
    [" or x=y-- ", "sqli-leading-logic"],
    ["or true--", "sqli-leading-logic"],
    ["order by sleep(5)#", "sqli-leading-orderby"],
  ])("flags %s", (payload, rule) => {
    expect(ids(inQuery(payload))).toContain(rule);
  });
  it("flags SQL names shared with other languages only at paranoia 2", () => {
    expect(ids(inQuery("floor(", 2))).toContain("sqli-function-name-probe");
    expect(ids(inQuery("floor("))).not.toContain("sqli-function-name-probe");
  });
  it.each(["std::string", "<@123456> hello", "The concat function (docs)", "user (admin)", "Ask 'him' ? 'her'", "(select one)", "or more", "and true love", "order by date", "or maybe x"])("does not flag %s", (text) => {
    expect(categories(inQuery(text))).not.toContain("sqli");
  });
});

describe("SSTI and SSRF shapes", () => {
  it("flags template globals and more risky schemes", () => {
    expect(ids(inQuery("{{ request }}"))).toContain("ssti-template-global");
    expect(ids(inQuery("{{app.request.query.filter(0,0,1024,{'options':'system'})}}"))).toContain("ssti-template-global");
    expect(ids(inQuery("ssrf.php?url=sftp://evil.com:11111/"))).toContain("ssrf-risky-scheme");
    expect(ids(inQuery("http:[::ffff:a9fe:a9fe]"))).toContain("ssrf-metadata");
    expect(ids(inQuery("http://google.com:80 &@google.com:80# @127.88.23.245:22/"))).toContain("ssrf-loopback");
  });
  it("does not flag template prose", () => {
    expect(categories(inJson({ note: "Hello {{ name }}, your order is ready" }))).not.toContain("ssti");
    expect(categories(inQuery("please request a {{quote}}"))).not.toContain("ssti");
  });
});
