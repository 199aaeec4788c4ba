import { WAF_KINDS, type Hit, type Rule } from "../rule";
import type { InspectedValue } from "../normalize/values";
import { classifyHost, type HostClass } from "./ip-address";

/**
 * Server-side request forgery: URLs in parameters that point at cloud metadata, loopback or
 * private networks, or use schemes an HTTP client should never be asked to fetch. Hosts are
 * taken after the last '@' (http://good.com@127.0.0.1/ goes to 127.0.0.1).
 */
const URL_IN_TEXT = /(?:\b([a-z][a-z0-9+.-]{1,15}):)?\/\/([^\/?#\s'"<>\\]+)/g;
const BARE_HOST = /^\[?([0-9a-fx.:]+|localhost|metadata[\w.]*)\]?(?::\d{1,5})?(?:\/\S*)?$/;
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

const cache = new WeakMap<InspectedValue, UrlFinding[]>();

function urlsOf(v: InspectedValue): UrlFinding[] {
  const hit = cache.get(v);
  if (hit) return hit;
  const found: UrlFinding[] = [];
  if (v.text.includes("//")) {
    for (const m of v.text.matchAll(URL_IN_TEXT)) {
      const host = hostOf(m[2] ?? "");
      if (host.length === 0) continue;
      found.push({ ...classifyHost(host), scheme: m[1] ?? "", index: m.index });
      if (found.length > 20) break;
    }
  }
  cache.set(v, found);
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
  urlRule("ssrf-obfuscated-ip", 1, 85, "IP address written in decimal, hex, octal or short form", (u) => u.isObfuscated),
  urlRule("ssrf-risky-scheme", 1, 80, "URL scheme an HTTP fetcher should not follow (gopher, dict, ldap, tftp, jar, ...)", (u) => RISKY_SCHEMES.has(u.scheme) && u.scheme !== "ftp"),
  {
    rule_id: "ssrf-bare-internal-host", category: "ssrf", paranoia: 2, kinds: WAF_KINDS,
    description: "Whole value is an internal host or IP without a scheme (127.0.0.1:8080, localhost, [::1])",
    test: (v) => {
      const m = BARE_HOST.exec(v.text);
      if (!m?.[1] || !/[.:x]|localhost|metadata/.test(m[1])) return null;
      const { cls } = classifyHost(m[1]);
      return cls === "public" ? null : { index: 0, length: v.text.length, score: 60 };
    },
  },
];
