import { WAF_KINDS, type Hit, type Rule } from "../rule";
import { memoOf, type InspectedValue } from "../normalize/values";
import { classifyHost, type HostClass } from "./ip-address";

/**
 * Server-side request forgery: URLs in parameters that point at cloud metadata, loopback or
 * private networks, or use schemes an HTTP client should never be asked to fetch. Hosts are
 * taken after the last '@' (http://good.com@127.0.0.1/ goes to 127.0.0.1).
 */
// "scheme://host", "//host", and the slash-less "http:2852039166" / "http:[::1]" that URL parsers
// accept for special schemes.
const URL_IN_TEXT = /(?:\b([a-z][a-z0-9+.-]{1,15}):)?\/\/([^\/?#\s'"<>\\]+)|\b(https?|ftp):(?!\/)(\[[0-9a-f:.]+\]|[0-9a-fx.]+)(?=[\/?#:\s]|$)/g;
const BARE_HOST = /^\[?([0-9a-fx.:]+|[a-z0-9.-]+)\]?(?::\d{1,5})?(?:[\/?#]\S*)?$/;
const RISKY_SCHEME_ANYWHERE = /\b(gopher|dict|ldaps?|tftp|netdoc|rmi|jar|sftp|smb):\/\//;
const RISKY_SCHEMES = new Set(["gopher", "dict", "ldap", "ldaps", "tftp", "jar", "netdoc", "sftp", "smb", "imap", "pop3", "smtp", "telnet", "rmi", "ftp", "mysql", "redis", "mongodb", "postgres", "postgresql"]);

interface UrlFinding {
  cls: HostClass;
  isObfuscated: boolean;
  scheme: string;
  index: number;
}

function hostOf(authority: string): string {
  const afterAt = authority.slice(authority.lastIndexOf("@") + 1);
  if (afterAt.startsWith("[")) return afterAt.slice(0, afterAt.indexOf("]") + 1);
  const colon = afterAt.lastIndexOf(":");
  return colon > 0 && /^:\d*$/.test(afterAt.slice(colon)) ? afterAt.slice(0, colon) : afterAt;
}


function urlsOf(v: InspectedValue): UrlFinding[] {
  const memo = memoOf(v);
  const hit = memo.urls as UrlFinding[] | undefined;
  if (hit) return hit;
  const found: UrlFinding[] = [];
  if (v.text.includes("//") || /\b(?:https?|ftp):[\[0-9]/.test(v.text)) {
    for (const m of v.text.matchAll(URL_IN_TEXT)) {
      const host = hostOf(m[2] ?? m[4] ?? "");
      if (host.length === 0) continue;
      found.push({ ...classifyHost(host), scheme: m[1] ?? m[3] ?? "", index: m.index });
      if (found.length > 20) break;
    }
    // Parser-confusion payloads ("http://a.com &@b.com# @127.0.0.1/") hide the real host after an '@'.
    for (const m of v.text.matchAll(/@\[?([0-9a-fx.:]{3,}|localhost)\]?(?=[:\/\s#?]|$)/g)) {
      const host = (m[1] ?? "").replace(/(\d):\d{1,5}$/, "$1");
      found.push({ ...classifyHost(host), scheme: "", index: m.index });
    }
  }
  memo.urls = found;
  return found;
}

function urlRule(rule_id: string, paranoia: 1 | 2, score: number, description: string, accept: (u: UrlFinding) => boolean): Rule {
  return {
    rule_id, category: "ssrf", paranoia, description, kinds: WAF_KINDS,
    test: (v): Hit | null => {
      const u = urlsOf(v).find(accept);
      return u ? { index: u.index, length: 60, score } : null;
    },
  };
}

export const SSRF_RULES: Rule[] = [
  urlRule("ssrf-metadata", 1, 95, "URL pointing at a cloud metadata service (169.254.169.254, metadata.google.internal, fd00:ec2::254)", (u) => u.cls === "metadata"),
  urlRule("ssrf-loopback", 1, 90, "URL pointing at loopback (localhost, 127.0.0.0/8, ::1, 0.0.0.0)", (u) => u.cls === "loopback"),
  urlRule("ssrf-private", 1, 80, "URL pointing at a private or link-local network (10/8, 172.16/12, 192.168/16, fc00::/7)", (u) => u.cls === "private"),
  urlRule("ssrf-obfuscated-ip", 1, 85, "IP address written in decimal, hex, octal or short form, or a DNS-rebinding/redirect service host (rbndr.us, 1u.ms, r3dir.me)", (u) => u.isObfuscated),
  {
    rule_id: "ssrf-risky-scheme", category: "ssrf", paranoia: 1, kinds: WAF_KINDS,
    description: "URL scheme an HTTP fetcher should not follow (gopher, dict, ldap, tftp, jar, ...)",
    test: (v) => {
      const m = RISKY_SCHEME_ANYWHERE.exec(v.text);
      return m && RISKY_SCHEMES.has(m[1] ?? "") ? { index: m.index, length: 40, score: 80 } : null;
    },
  },
  {
    rule_id: "ssrf-schemeless-internal-name", category: "ssrf", paranoia: 1, kinds: WAF_KINDS,
    description: "Whole value is an internal host name with a path or port (localhost/, metadata.google.internal/, kubernetes.default.svc/)",
    test: (v) => {
      const m = BARE_HOST.exec(v.text);
      if (!m?.[1] || /^[0-9a-fx.:]+$/.test(m[1]) || !/[\/:?#]|\./.test(v.text)) return null;
      const { cls } = classifyHost(m[1]);
      return cls === "public" ? null : { index: 0, length: v.text.length, score: 75 };
    },
  },
  {
    rule_id: "ssrf-bare-internal-host", category: "ssrf", paranoia: 2, kinds: WAF_KINDS,
    description: "Whole value is an internal IP without a scheme (127.0.0.1:8080, [::1], 10.0.0.5)",
    test: (v) => {
      const m = BARE_HOST.exec(v.text);
      if (!m?.[1] || !/^[0-9a-fx.:]+$/.test(m[1]) || !/[.:x]/.test(m[1])) return null;
      const { cls } = classifyHost(m[1]);
      return cls === "public" ? null : { index: 0, length: v.text.length, score: 60 };
    },
  },
];
