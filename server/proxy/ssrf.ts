// SSRF guard: classifies IP addresses and checks upstream URLs before the gateway connects.
//
// Invariants:
// - Only http: and https: URLs are ever allowed.
// - Every address a name resolves to must be allowed (one private answer fails the whole name),
//   so a DNS answer mixing public and internal records cannot slip through.
// - Cloud metadata, unspecified, multicast, broadcast and reserved ranges are refused even with
//   `allowPrivate`: no legitimate upstream lives there. `allowPrivate` admits loopback, RFC 1918,
//   CGNAT, link-local and unique-local (self-hosted models on an internal network).
// - IPv4 embedded in IPv6 (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::/96,
//   6to4 2002::/16) is classified by its IPv4 part, so it cannot launder an internal address.
// - `createSafeLookup` performs the same check inside the socket's own DNS lookup, so the address
//   checked is the address connected to (no DNS-rebinding window between check and connect).
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIPv6 } from "node:net";
import { parseIPv4, parseIPv6 } from "@/server/proxy/ip-parse";

export type TAddressClass =
  | "public"
  | "loopback"
  | "private"
  | "cgnat"
  | "link_local"
  | "metadata"
  | "unspecified"
  | "multicast"
  | "broadcast"
  | "reserved"
  | "invalid";

export type TSsrfReason = Exclude<TAddressClass, "public"> | "scheme" | "invalid_url" | "dns_failed";

export class SsrfError extends Error {
  constructor(
    readonly reason: TSsrfReason,
    readonly host: string,
    readonly address?: string,
  ) {
    super(`upstream blocked (${reason}): ${host}${address && address !== host ? ` -> ${address}` : ""}`);
    this.name = "SsrfError";
  }
}

const PRIVATE_OK: ReadonlySet<TAddressClass> = new Set(["public", "loopback", "private", "cgnat", "link_local"]);

/** Whether a class may be connected to under the given policy. */
export function isAllowedClass(cls: TAddressClass, allowPrivate: boolean): boolean {
  return allowPrivate ? PRIVATE_OK.has(cls) : cls === "public";
}

// Metadata endpoints: AWS/GCP/Azure/OCI/DO (169.254.169.254), AWS ECS task (169.254.170.2),
// Alibaba (100.100.100.200), Azure wireserver (168.63.129.16, inside a public range).
const METADATA_V4 = new Set(["169.254.169.254", "169.254.170.2", "169.254.170.23", "100.100.100.200", "168.63.129.16"]);

type TCidr4 = [number, number, TAddressClass];
const cidr4 = (a: string, bits: number, cls: TAddressClass): TCidr4 => [parseIPv4(a) ?? 0, bits, cls];
// First match wins; order from most to least specific where ranges nest.
const V4_TABLE: TCidr4[] = [
  cidr4("255.255.255.255", 32, "broadcast"),
  cidr4("0.0.0.0", 8, "unspecified"),
  cidr4("10.0.0.0", 8, "private"),
  cidr4("100.64.0.0", 10, "cgnat"),
  cidr4("127.0.0.0", 8, "loopback"),
  cidr4("169.254.0.0", 16, "link_local"),
  cidr4("172.16.0.0", 12, "private"),
  cidr4("192.0.0.0", 24, "reserved"),
  cidr4("192.0.2.0", 24, "reserved"),
  cidr4("192.88.99.0", 24, "reserved"),
  cidr4("192.168.0.0", 16, "private"),
  cidr4("198.18.0.0", 15, "reserved"),
  cidr4("198.51.100.0", 24, "reserved"),
  cidr4("203.0.113.0", 24, "reserved"),
  cidr4("224.0.0.0", 4, "multicast"),
  cidr4("240.0.0.0", 4, "reserved"),
];

function classifyV4(n: number): TAddressClass {
  for (const [base, bits, cls] of V4_TABLE) {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    if (((n & mask) >>> 0) === ((base & mask) >>> 0)) return cls;
  }
  return "public";
}

const v4FromBytes = (b: Uint8Array, at: number) =>
  (((b[at] ?? 0) << 24) | ((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0)) >>> 0;

function allZero(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (b[i] !== 0) return false;
  return true;
}

function formatV4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

function classifyV6(b: Uint8Array): TAddressClass {
  const word = (i: number) => ((b[i * 2] ?? 0) << 8) | (b[i * 2 + 1] ?? 0);
  if (allZero(b, 0, 16)) return "unspecified";
  if (allZero(b, 0, 15) && b[15] === 1) return "loopback";
  // fd00:ec2::254 is the AWS IMDS IPv6 endpoint (inside fc00::/7, so checked first).
  if (word(0) === 0xfd00 && word(1) === 0x0ec2 && allZero(b, 4, 14) && word(7) === 0x254) return "metadata";
  // IPv4-mapped (::ffff:0:0/96) and NAT64 well-known prefix (64:ff9b::/96): the IPv4 part decides.
  if (allZero(b, 0, 10) && word(5) === 0xffff) return classifyAddress(formatV4(v4FromBytes(b, 12)));
  if (word(0) === 0x64 && word(1) === 0xff9b && allZero(b, 4, 12)) return classifyAddress(formatV4(v4FromBytes(b, 12)));
  // Deprecated IPv4-compatible (::a.b.c.d): never legitimately public, keep any internal class.
  if (allZero(b, 0, 12)) {
    const inner = classifyAddress(formatV4(v4FromBytes(b, 12)));
    return inner === "public" ? "reserved" : inner;
  }
  if (word(0) === 0x2002) return classifyAddress(formatV4(v4FromBytes(b, 2))); // 6to4
  if (word(0) === 0x64 && word(1) === 0xff9b && word(2) === 1) return "private"; // local-use NAT64
  if ((word(0) & 0xfe00) === 0xfc00) return "private"; // fc00::/7 unique local
  if ((word(0) & 0xffc0) === 0xfe80) return "link_local";
  if ((word(0) & 0xffc0) === 0xfec0) return "private"; // deprecated site-local
  if ((word(0) & 0xff00) === 0xff00) return "multicast";
  if (word(0) === 0x0100 && allZero(b, 2, 8)) return "reserved"; // discard-only 100::/64
  if (word(0) === 0x2001 && word(1) < 0x200) return "reserved"; // 2001::/23 IETF protocol incl. Teredo
  if (word(0) === 0x2001 && word(1) === 0x0db8) return "reserved"; // documentation
  if ((word(0) & 0xe000) === 0x2000) return "public"; // 2000::/3 global unicast
  return "reserved";
}

/**
 * Classifies an IP literal. Accepts dotted IPv4 plus the legacy inet_aton forms browsers and
 * libc still resolve (2130706433, 0x7f.1, 0177.0.0.1, 127.1), and IPv6 with optional brackets
 * or zone id. Anything that is not an IP literal is "invalid".
 */
export function classifyAddress(ip: string): TAddressClass {
  const raw = ip.trim().replace(/^\[(.*)\]$/, "$1");
  const v4 = parseIPv4(raw);
  if (v4 !== null) {
    const dotted = formatV4(v4);
    return METADATA_V4.has(dotted) ? "metadata" : classifyV4(v4);
  }
  const v6 = parseIPv6(raw);
  return v6 ? classifyV6(v6) : "invalid";
}

/** Whether the host part of a URL is an IP literal (after WHATWG normalization). */
export function isIpLiteral(host: string): boolean {
  const raw = host.replace(/^\[(.*)\]$/, "$1");
  return parseIPv4(raw) !== null || isIPv6(raw.split("%")[0] ?? "");
}

export type TResolve = (host: string) => Promise<LookupAddress[]>;

/** The system resolver (getaddrinfo via dns.lookup), every address, in OS order. */
export const systemResolve: TResolve = (host) =>
  new Promise((resolve, reject) => {
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses)));
  });

/** Throws SsrfError unless every address is allowed. */
export function assertAllowedAddresses(host: string, addresses: string[], allowPrivate: boolean): void {
  if (addresses.length === 0) throw new SsrfError("dns_failed", host);
  for (const address of addresses) {
    const cls = classifyAddress(address);
    if (!isAllowedClass(cls, allowPrivate)) throw new SsrfError(cls === "public" ? "reserved" : cls, host, address);
  }
}

/** Parses a URL and checks the scheme and, if the host is an IP literal, its class. No DNS. */
export function assertUrlShape(url: string | URL, opts: { allowPrivate: boolean }): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SsrfError("invalid_url", String(url));
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new SsrfError("scheme", parsed.protocol);
  if (!parsed.hostname) throw new SsrfError("invalid_url", parsed.href);
  if (isIpLiteral(parsed.hostname)) assertAllowedAddresses(parsed.hostname, [parsed.hostname], opts.allowPrivate);
  return parsed;
}

/**
 * Full check of an upstream URL: scheme, IP literal, and every DNS answer. Use when saving an
 * upstream and before following any Location. Returns the resolved addresses.
 */
export async function assertPublicUrl(
  url: string | URL,
  opts: { allowPrivate: boolean; resolve?: TResolve },
): Promise<{ url: URL; addresses: string[] }> {
  const parsed = assertUrlShape(url, opts);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIpLiteral(host)) return { url: parsed, addresses: [host] };
  let answers: LookupAddress[];
  try {
    answers = await (opts.resolve ?? systemResolve)(host);
  } catch {
    throw new SsrfError("dns_failed", host);
  }
  const addresses = answers.map((a) => a.address);
  assertAllowedAddresses(host, addresses, opts.allowPrivate);
  return { url: parsed, addresses };
}
