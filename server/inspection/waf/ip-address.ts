/**
 * Host classification for SSRF. IPv4 is parsed the way inet_aton (and so curl, Python, Java)
 * does: 1–4 parts, each decimal, 0x-hex or 0-octal, the last part filling the remaining bytes.
 * That is how 2130706433, 0x7f.1, 0177.0.0.1 and 127.1 all reach loopback.
 */
export type HostClass = "metadata" | "loopback" | "private" | "public";

export interface ParsedHost {
  cls: HostClass;
  /** Not the dotted-quad a person would write: a sign of deliberate obfuscation. */
  isObfuscated: boolean;
}

function parsePart(p: string): number | null {
  if (/^0x[0-9a-f]*$/.test(p)) return p.length === 2 ? 0 : parseInt(p.slice(2), 16);
  if (/^0[0-7]+$/.test(p)) return parseInt(p, 8);
  if (/^(?:0|[1-9]\d*)$/.test(p)) return parseInt(p, 10);
  return null;
}

export function parseIpv4Loose(host: string): number | null {
  const parts = host.split(".");
  if (parts.length > 4 || parts.some((p) => p.length === 0)) return null;
  const nums: number[] = [];
  for (const p of parts) {
    const n = parsePart(p);
    if (n === null) return null;
    nums.push(n);
  }
  const last = nums.pop() ?? 0;
  const lastBytes = 4 - nums.length;
  if (nums.some((n) => n > 255) || last >= 256 ** lastBytes) return null;
  let value = 0;
  for (const n of nums) value = value * 256 + n;
  return value * 256 ** lastBytes + last;
}

function classifyV4(ip: number): HostClass {
  const a = Math.floor(ip / 16777216);
  const b = Math.floor(ip / 65536) % 256;
  // AWS/GCP/Azure 169.254.169.254, Alibaba 100.100.100.200, ECS task 169.254.170.2, Oracle 192.0.0.192.
  if (ip === 0xa9fea9fe || ip === 0x646464c8 || ip === 0xa9feaa02 || ip === 0xc00000c0) return "metadata";
  if (a === 127 || ip === 0) return "loopback";
  if (a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127)) return "private";
  return "public";
}

const METADATA_NAMES = /^(?:metadata(?:\.google\.internal)?|metadata\.azure\.com|instance-data(?:\.ec2\.internal)?|169\.254\.169\.254\.\S+|metadata\.packet\.net|metadata\.tencentyun\.com)$/;
const LOOPBACK_NAMES = /^(?:localhost[46]?(?:\.localdomain[46]?)?|ip6-localhost|ip6-loopback|.*\.localhost|localtest\.me|.*\.localtest\.me|lvh\.me|.*\.lvh\.me|vcap\.me|localh\.st|.*\.localh\.st|spoofed\.burpcollaborator\.net)$/;
// DNS-rebinding and open-redirect services whose only use in a fetched URL is to reach a target
// an SSRF filter would refuse: rbndr.us and rebind.it alternate between two addresses, 1u.ms
// answers with the address spelt in the name, r3dir.me redirects to the one encoded in it.
const REBIND_SERVICES = /(?:^|\.)(?:rbndr\.us|rebind\.it|rebind\.network|1u\.ms|r3dir\.me)$/;
const INTERNAL_NAMES = /^(?:kubernetes(?:\.default)?(?:\.svc)?(?:\.cluster\.local)?|.*\.svc\.cluster\.local|.*\.cluster\.local|(?:host|gateway)\.docker\.internal|.*\.internal|.*\.local|.*\.localdomain|.*\.intranet|.*\.corp|.*\.lan|.*\.home\.arpa)$/;
const WILDCARD_DNS = /^(?:.*?[.-])?((?:\d{1,3}[.-]){3}\d{1,3})\.(?:nip\.io|xip\.io|sslip\.io|nip\.direct|traefik\.me|localtest\.me)$/;

function classifyV6(host: string): HostClass | null {
  const h = host.replace(/^\[|\]$/g, "").split("%")[0] ?? "";
  if (!h.includes(":") || !/^[0-9a-f:.]+$/.test(h)) return null;
  if (h === "::1" || h === "::" || /^0*(?::0*){6}:0*1$/.test(h)) return "loopback";
  if (/^fd00:ec2::254$/.test(h)) return "metadata";
  const mapped = /^(?:0*:)*:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h) ?? /^::(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  if (mapped?.[1]) {
    const v4 = parseIpv4Loose(mapped[1]);
    return v4 === null ? "public" : classifyV4(v4);
  }
  // The same mapping written in hex groups: ::ffff:a9fe:a9fe is 169.254.169.254, ::ffff:7f00:1 is 127.0.0.1.
  const hexMapped = /^(?:0*:)*:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(h);
  if (hexMapped?.[1] && hexMapped[2]) return classifyV4(parseInt(hexMapped[1], 16) * 65536 + parseInt(hexMapped[2], 16));
  if (/^f[cd][0-9a-f]{0,2}:/.test(h) || /^fe[89ab][0-9a-f]?:/.test(h)) return "private";
  return "public";
}

// Real traffic repeats a handful of hosts (the API's own, its CDN); classification is a pure
// function of the string, so a small bounded memo skips the name regexes for them.
const hostMemo = new Map<string, ParsedHost>();

export function classifyHost(rawHost: string): ParsedHost {
  const hit = hostMemo.get(rawHost);
  if (hit) return hit;
  const parsed = classifyHostUncached(rawHost);
  if (hostMemo.size >= 1024) hostMemo.clear();
  hostMemo.set(rawHost, parsed);
  return parsed;
}

function classifyHostUncached(rawHost: string): ParsedHost {
  const host = rawHost.toLowerCase().replace(/\.$/, "");
  if (METADATA_NAMES.test(host)) return { cls: "metadata", isObfuscated: false };
  if (LOOPBACK_NAMES.test(host)) return { cls: "loopback", isObfuscated: false };
  if (INTERNAL_NAMES.test(host)) return { cls: "private", isObfuscated: false };
  const wildcard = WILDCARD_DNS.exec(host);
  if (wildcard?.[1]) {
    const inner = parseIpv4Loose(wildcard[1].replace(/-/g, "."));
    if (inner !== null) return { cls: classifyV4(inner), isObfuscated: true };
  }
  if (REBIND_SERVICES.test(host)) return { cls: "public", isObfuscated: true };
  const v6 = classifyV6(host);
  if (v6) return { cls: v6, isObfuscated: v6 !== "public" && !/^\[?::1\]?$/.test(host) };
  const v4 = parseIpv4Loose(host);
  if (v4 === null) return { cls: "public", isObfuscated: false };
  return { cls: classifyV4(v4), isObfuscated: !/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) };
}
