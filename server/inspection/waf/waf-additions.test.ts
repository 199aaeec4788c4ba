import { describe, expect, it } from "vitest";
import { categories, configAt, ids, inJson, inQuery } from "../test-helpers";
import { inspectRequest } from "../index";

/**
 * Rules added for issue 4 (WAF part): each with attacks it catches and the look-alikes it must
 * leave alone at the paranoia level it runs at.
 */
describe("more Unix tools after a separator", () => {
  it.each([
    "; lastcomm root", "|dmidecode", "; mysqldump -u root shop", "& certbot renew", "; sqlmap -u http://x/?id=1",
    "; date -f /etc/shadow", "&& file /etc/passwd", "| history -c", "; export -p",
  ])("flags %s", (payload) => {
    expect(ids(inQuery(payload))).toContain("rce-chained-command");
  });
  it.each([
    "R&D; task 3", "Q&A; view", "rock & roll; date 5pm", "Meeting; date 12/05", "engine; rpm 3000", "cats & dogs; file",
    "Tom & Jerry; export", "Terms & conditions; history of the company", "puppet show tonight", "del nuevo mundo s/n",
  ])("does not flag %s", (text) => {
    expect(categories(inQuery(text))).not.toContain("rce");
  });
  it("reads a Spanish/Italian 'del' as a word, not the Windows command, even at paranoia 2", () => {
    expect(categories(inQuery("del almendro, 169,", 2))).not.toContain("rce");
    expect(ids(inQuery("& del /f /q c:\\temp\\x"))).toContain("rce-chained-command");
  });
});

describe("shell history expansion and SQLite dot-commands", () => {
  it("flags history expansion by offset", () => {
    expect(ids(inQuery("!-1!-2"))).toContain("rce-history-expansion");
    expect(ids(inQuery("; !-2"))).toContain("rce-history-expansion");
  });
  it.each(["Great!-1 point for us", "Wow! -20% off", "a!-b", "score: 5!-3"])("does not flag %s", (text) => {
    expect(ids(inQuery(text))).not.toContain("rce-history-expansion");
  });
  it("flags SQLite dot-commands after a separator at paranoia 2 only", () => {
    expect(ids(inQuery("1;.shell whoami", 2))).toContain("rce-sqlite-dot-command");
    expect(ids(inQuery("foo;\\n.databases", 2))).toContain("rce-sqlite-dot-command");
    expect(ids(inQuery("1;.shell whoami"))).not.toContain("rce-sqlite-dot-command");
  });
  it.each(["see the docs; .NET tables are faster", "Version 2.0; .shellrc files", "end.\n.tables2 column"])("does not flag %s at paranoia 2", (text) => {
    expect(ids(inQuery(text, 2))).not.toContain("rce-sqlite-dot-command");
  });
});

describe("PHP function names as the whole value", () => {
  it.each(["phpinfo", "shell_exec", "ZlIb_DeCoDe=(bla)", "@passthru", "posix_getpwuid", "base64_decode(", "Get_Defined_Vars"])("flags %s", (payload) => {
    expect(ids(inQuery(payload))).toContain("rce-php-function-name");
  });
  it("flags PHP file and callback names only at paranoia 2", () => {
    expect(ids(inQuery("fopen", 2))).toContain("rce-php-function-name-any");
    expect(ids(inQuery("array_map=", 2))).toContain("rce-php-function-name-any");
    expect(ids(inQuery("fopen"))).not.toContain("rce-php-function-name-any");
  });
  it.each(["base64_decode function in PHP docs", "how does phpinfo work?", "my shell_exec question", "php info page", "shell exec"])("does not flag prose %s", (text) => {
    expect(categories(inQuery(text))).not.toContain("rce");
  });
  it.each(["virtual", "syslog", "unlink", "readme"])("does not flag the everyday word %s even at paranoia 2", (text) => {
    expect(categories(inQuery(text, 2))).not.toContain("rce");
  });
});

describe("SQL probes at paranoia 2 (CRS 942120/942210/942362 ideas)", () => {
  it.each([
    ["IS NULL", "sqli-operator-probe"],
    ["regexp", "sqli-operator-probe"],
    ["<>", "sqli-operator-probe"],
    ["in (2147483647,-1)", "sqli-operator-probe"],
    ["and 1!=\"", "sqli-chained-logic"],
    ["|| langCode ==", "sqli-chained-logic"],
    ["&&(b=0)", "sqli-chained-logic"],
    ["OR CType='", "sqli-chained-logic"],
    ["' notnull --", "sqli-quote-operator"],
    ["user'collate nocase--", "sqli-quote-operator"],
    [") AS Role FROM", "sqli-alias-from"],
    ["1234 AS \"foobar\" FROM tablevar2=whatever", "sqli-alias-from"],
    ["SELECT group_concat(", "sqli-statement-fragment"],
    ["' alter/", "sqli-statement-fragment"],
    ["ordeR by", "sqli-statement-fragment"],
    ["x'<email--", "sqli-breakout-operator-comment"],
    ["a'or?--", "sqli-breakout-operator-comment"],
  ])("flags %s", (payload, rule) => {
    expect(ids(inQuery(payload, 2))).toContain(rule);
    expect(ids(inQuery(payload, 1))).not.toContain(rule);
  });
  it.each([
    "salt and pepper = good", "Tom and Jerry = fun", "price (USD) as listed from 2020", "(see above) as shown from the list",
    "such as apples from the market", "O'Brien is here --", "it's like that", "null and void", "black or white",
    "Select a plan", "select one (or more)", "the 'is null' check explained", "we create tables for kids", "I'd like it -- really",
  ])("does not flag %s at paranoia 2", (text) => {
    expect(ids(inQuery(text, 2)).filter((id) => ["sqli-chained-logic", "sqli-operator-probe", "sqli-quote-operator", "sqli-alias-from", "sqli-statement-fragment", "sqli-breakout-operator-comment"].includes(id))).toEqual([]);
  });
});

describe("XSS probes and spellings", () => {
  it.each(["&#060", "&#x003c;", "&lt;", "\\u003c", "&#0000060", "&LT"])("flags the encoded bracket %s", (payload) => {
    expect(ids(inQuery(payload))).toContain("xss-encoded-bracket-probe");
  });
  it.each(["&lt;3 you", "<", "AT&T", "&amp;", "Fish &amp; chips", "5 &lt; 6 is true"])("does not flag %s as an encoded-bracket probe", (text) => {
    expect(ids(inQuery(text))).not.toContain("xss-encoded-bracket-probe");
  });
  it.each(["bar<f o r m", "< x: script", "<s%0cc%0cr%0ci%0cp%0ct", "</ i f r a m e>"])("flags the spaced-out tag %s", (payload) => {
    expect(ids(inQuery(payload))).toContain("xss-spaced-tag");
  });
  it.each(["a < b c d", "I <3 cats", "x < s e t", "if a<b, form the team", "price < f o o", "see <a> b c"])("does not flag %s as a spaced tag", (text) => {
    expect(ids(inQuery(text))).not.toContain("xss-spaced-tag");
  });
  it("flags image and media elements with a source", () => {
    expect(ids(inQuery("<img src=\"http://www.example.com/file.php?variables=malicious\">"))).toContain("xss-media-source");
    expect(ids(inJson({ bio: "<video poster=//evil.example/x.png>" }))).toContain("xss-media-source");
  });
  it.each(["the <img> tag explained", "use src= in the config", "images < 5 MB", "<image> placeholder"])("does not flag %s as a media source", (text) => {
    expect(ids(inQuery(text))).not.toContain("xss-media-source");
  });
});

describe("tool families, sub-commands and header command lines", () => {
  function inUserAgent(value: string, paranoia: 1 | 2 = 2) {
    return inspectRequest({ method: "GET", path: "/", query: "", headers: { "user-agent": value } }, configAt(paranoia)).findings;
  }
  it.each(["; zipinfo x.zip", "& nc.openbsd -l 4444", "; bzless /etc/shadow", "; clang++ -o x x.c", "; msgcat x.po", "; dpkg-query -l", "; check_by_ssh -H x"])("flags the tool family member %s", (payload) => {
    expect(ids(inQuery(payload))).toContain("rce-chained-command");
  });
  it.each(["; docker run -it alpine", "; kubectl get pods", "; systemctl stop firewalld", "| apt-get install nmap", "a|npm install"])("flags a tool driven by a sub-command after a separator: %s", (payload) => {
    expect(ids(inQuery(payload))).toContain("rce-chained-command");
  });
  it.each(["docker run tutorial", "We moved to k8s; kubectl is great", "I wish; fish are great", "cats & dogs; jobs for kids", "zip code", "enter your zip code"])("does not flag %s", (text) => {
    expect(categories(inQuery(text))).not.toContain("rce");
  });
  it.each(["visudo", "'cscli' alerts list", "chef-shell", "perl -e 'print 1'"])("flags the header command line %s at paranoia 2", (ua) => {
    expect(ids(inUserAgent(ua))).toContain("rce-header-command");
    expect(ids(inUserAgent(ua, 1))).not.toContain("rce-header-command");
  });
  it.each([
    "curl/8.4.0", "Ruby", "python-requests/2.31", "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/120.0", "ansible-httpget",
    "Wget/1.21.4", "Go-http-client/2.0", "okhttp/4.9.0", "node", "Java/17.0.2", "git/2.39.2", "Dalvik/2.1.0 (Linux; U; Android 13)", "nano", "nl",
  ])("does not flag the client header %s at paranoia 2", (ua) => {
    expect(categories(inUserAgent(ua))).not.toContain("rce");
  });
  it("does not flag cookie values that are language codes or editor names at paranoia 2", () => {
    const f = inspectRequest({ method: "GET", path: "/", query: "", headers: { cookie: "lang=nl; editor=nano; region=az; shell=bash" } }, configAt(2)).findings;
    expect(categories(f)).not.toContain("rce");
  });
});

describe("SQL dialect statements and form-encoded chained logic", () => {
  it.each(["select if(x", "select(user(", "EXECUTE IMMEDIATE \"", ") like (", "procedure analyse (", "declare @b", "declare @x nvarchar(100)", "9999 or /*+optimizer hint */ true", "1.e(", "match(title) against ('x' in boolean mode)"])("flags %s", (payload) => {
    expect(ids(inQuery(payload))).toContain("sqli-dialect-statement");
  });
  it.each(["declare @john the winner", "I like (some) music", "select a plan", "select one (or more)", "please execute immediately", "1.e.g. apples", "The match (final) against Spain (2-1)"])("does not flag %s", (text) => {
    expect(ids(inQuery(text))).not.toContain("sqli-dialect-statement");
  });
  it("reads '+' as a space in chained logic (raw bodies keep form encoding) at paranoia 2", () => {
    expect(ids(inQuery("pay=or+120=121=", 2))).toContain("sqli-chained-logic");
    expect(ids(inQuery("c++ and more", 2))).not.toContain("sqli-chained-logic");
  });
  it("flags more MongoDB operators as JSON keys", () => {
    expect(ids(inJson({ $not: "foo" }))).toContain("sqli-nosql-operator");
    expect(ids(inJson({ $text: "foo" }))).toContain("sqli-nosql-operator");
    expect(ids(inJson({ $schema: "http://json-schema.org/draft-07/schema#", $ref: "#/defs/a" }))).not.toContain("sqli-nosql-operator");
  });
});

describe("more XSS shapes: event names, data: URIs with markup, JSFuck with spaces, comment close", () => {
  it.each(["onbeforetoggle", "onvisibilitychange", "onwebkitmouseforcedown", "onpointerrawupdate", "onsecuritypolicyviolation", "onscrollend="])("flags the bare event handler name %s", (payload) => {
    expect(ids(inQuery(payload))).toContain("xss-event-handler-name");
  });
  it.each(["online", "onboarding", "onwards", "onshowroom", "onmicrosoft", "one"])("does not flag %s", (text) => {
    expect(categories(inQuery(text))).not.toContain("xss");
  });
  it.each(["data: , <x>", "data:text/plain;charset=utf-8,<b onclick=x>", "data:application/xhtml+xml,<a>"])("flags the data: URI %s", (payload) => {
    expect(ids(inQuery(payload))).toContain("xss-js-uri");
  });
  it.each(["meta data: 5 items, <none>", "Data: 5 items, <none>", "data:image/png;base64,iVBORw0KGgo=", "mydata:,<x>"])("does not flag %s as a data: URI", (text) => {
    expect(ids(inQuery(text))).not.toContain("xss-js-uri");
  });
  it("flags JSFuck whose '+' arrived as a space in a form body", () => {
    const f = inspectRequest({ method: "POST", path: "/post", query: "", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "a=(![]+[])[+!+[]]", contentType: "application/x-www-form-urlencoded" }, configAt(1)).findings;
    expect(ids(f)).toContain("xss-jsfuck");
    expect(ids(inQuery("(a b) [c d]"))).not.toContain("xss-jsfuck");
  });
  it("flags a bare comment terminator at paranoia 2 but not arrows in prose", () => {
    expect(ids(inQuery("-->", 2))).toContain("xss-comment-close-probe");
    expect(ids(inQuery("-->", 1))).not.toContain("xss-comment-close-probe");
    expect(ids(inQuery("A --> B", 2))).not.toContain("xss-comment-close-probe");
  });
});

describe("echo and file readers after a separator; PHP built-ins as the leading call", () => {
  it.each(["; echo 'hi'", "| echo INJECTX", "&& echo vulnerable", "; cat flag.txt", "| type boot.ini", "; whoami #"])("flags %s", (payload) => {
    expect(ids(inQuery(payload))).toContain("rce-chained-command");
  });
  it.each(["Hello; echo the chorus", "I said; echo it", "my dog; cat toys.com", "Tom & Jerry; more example.com", "cat flag.txt", "echo hello", "type: answer.txt"])("does not flag %s", (text) => {
    expect(categories(inQuery(text))).not.toContain("rce");
  });
  it.each(["strlen (blah)", "str_replace(a,b,c)", "array_map/**/(x)", "json_decode($x)", "mb_substr("])("flags the PHP call %s", (payload) => {
    expect(ids(inQuery(payload))).toContain("rce-php-function");
  });
  it.each(["use str_replace() to fix it", "hash (tag)", "dirname", "Array (3 items)", "session (morning)"])("does not flag %s", (text) => {
    expect(categories(inQuery(text))).not.toContain("rce");
  });
});

describe("SSRF through DNS-rebinding and redirect services", () => {
  it.each(["http://7f000001.c0a80001.rbndr.us/", "https://abc.302.r3dir.me", "http://make-1.2.3.4-rebind-127.0.0.1-rr.1u.ms/"])("flags %s", (payload) => {
    expect(ids(inQuery(payload))).toContain("ssrf-obfuscated-ip");
  });
  it("reads localh.st as loopback", () => {
    expect(ids(inQuery("http://localh.st:8080/admin"))).toContain("ssrf-loopback");
  });
  it.each(["https://rbndr.usa.example.com/", "https://example.com/ms", "https://docs.example.org/rebind-it"])("does not flag %s", (text) => {
    expect(categories(inQuery(text))).not.toContain("ssrf");
  });
});

describe("raw bodies that keep form encoding", () => {
  const rawBody = (body: string) => inspectRequest({ method: "POST", path: "/post", query: "", headers: {}, body }, configAt(1)).findings;
  it("reads '+' as a space in a raw body without spaces", () => {
    expect(ids(rawBody("Union+sElect%0A"))).toContain("sqli-union");
  });
  it.each(["c++ is great", "a+b", "1+1", "C++ and C#"])("does not flag the raw body %s", (body) => {
    expect(categories(rawBody(body))).not.toContain("sqli");
  });
});

describe("PHP data:// inclusion and process.env probes", () => {
  it.each(["data://text/plain;base64,PD9waHAgc3lzdGVtKCdpZCcpOz8+", "data:text/plain", "data:text/plain,<?php phpinfo();?>"])("flags the data wrapper %s", (payload) => {
    expect(ids(inQuery(payload))).toContain("trav-wrapper");
  });
  it.each(["data:image/png;base64,iVBORw0KGgo=", "the data: text/plain", "metadata:text/plain", "data://text/plain;base64,SGVsbG8gd29ybGQ="])("does not flag %s as a wrapper", (text) => {
    expect(ids(inQuery(text))).not.toContain("trav-wrapper");
  });
  it.each(["process.env", "process.env.SECRET", "process['env']"])("flags %s as the whole value", (payload) => {
    expect(ids(inQuery(payload))).toContain("rce-node-probe");
  });
  it("does not flag a sentence that mentions process.env at paranoia 1", () => {
    expect(categories(inQuery("see process.env for config"))).not.toContain("rce");
  });
});

describe("quote, operator and number at paranoia 3", () => {
  it.each(["'1001'='10", "\"` * 123", "` < 0) AND `"])("flags %s at paranoia 3 only", (payload) => {
    expect(ids(inQuery(payload, 3))).toContain("sqli-quote-operator-number");
    expect(ids(inQuery(payload, 2))).not.toContain("sqli-quote-operator-number");
  });
  it.each(["He said \"yes\", 5 times", "calle \"el segre\", 118", "O'Brien 42", "the 'best' 2 cats", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"])("does not flag %s at paranoia 3", (text) => {
    expect(ids(inQuery(text, 3))).not.toContain("sqli-quote-operator-number");
  });
});

describe("a value that is a command line led by a tool that is not a word", () => {
  it.each(["ansible all -m ping", "chef-run all recipe.rb", "nmap scan -sV host", "kubectl get pods -n default"])("flags %s", (payload) => {
    expect(ids(inQuery(payload))).toContain("rce-chained-command");
  });
  it.each([
    "docker tutorial for beginners", "python tips -- tricks", "kubectl get pods -n default returns nothing after the upgrade",
    "zip code -- 90210", "ansible vs terraform: which one -- a comparison", "date range -5 days",
  ])("does not flag %s", (text) => {
    expect(categories(inQuery(text))).not.toContain("rce");
  });
});
