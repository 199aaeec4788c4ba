import { describe, expect, it } from "vitest";
import { assertPublicUrl, classifyAddress, SsrfError, type TAddressClass } from "@/server/proxy/ssrf";
import { parseIPv4, parseIPv6 } from "@/server/proxy/ip-parse";

const CASES: [string, TAddressClass][] = [
  ["8.8.8.8", "public"],
  ["1.1.1.1", "public"],
  ["127.0.0.1", "loopback"],
  ["127.255.0.9", "loopback"],
  ["2130706433", "loopback"],
  ["0x7f.1", "loopback"],
  ["0x7f000001", "loopback"],
  ["0177.0.0.1", "loopback"],
  ["127.1", "loopback"],
  ["0.0.0.0", "unspecified"],
  ["0.1.2.3", "unspecified"],
  ["0", "unspecified"],
  ["10.1.2.3", "private"],
  ["172.16.0.1", "private"],
  ["172.31.255.255", "private"],
  ["172.32.0.1", "public"],
  ["192.168.1.1", "private"],
  ["100.64.0.1", "cgnat"],
  ["100.127.255.255", "cgnat"],
  ["100.128.0.1", "public"],
  ["169.254.169.254", "metadata"],
  ["0xa9fea9fe", "metadata"],
  ["169.254.170.2", "metadata"],
  ["100.100.100.200", "metadata"],
  ["169.254.1.1", "link_local"],
  ["224.0.0.1", "multicast"],
  ["239.255.255.250", "multicast"],
  ["240.0.0.1", "reserved"],
  ["255.255.255.255", "broadcast"],
  ["192.0.2.10", "reserved"],
  ["198.18.0.1", "reserved"],
  ["::", "unspecified"],
  ["::1", "loopback"],
  ["[::1]", "loopback"],
  ["::ffff:127.0.0.1", "loopback"],
  ["::ffff:7f00:1", "loopback"],
  ["::ffff:169.254.169.254", "metadata"],
  ["::ffff:8.8.8.8", "public"],
  ["::127.0.0.1", "loopback"],
  ["::8.8.8.8", "reserved"],
  ["64:ff9b::10.0.0.1", "private"],
  ["64:ff9b::8.8.8.8", "public"],
  ["2002:7f00:1::", "loopback"],
  ["2002:0808:0808::1", "public"],
  ["fd00:ec2::254", "metadata"],
  ["fd12:3456::1", "private"],
  ["fc00::1", "private"],
  ["fe80::1", "link_local"],
  ["fe80::1%eth0", "link_local"],
  ["febf::1", "link_local"],
  ["ff02::1", "multicast"],
  ["2001:db8::1", "reserved"],
  ["2001:0::1", "reserved"],
  ["2606:4700:4700::1111", "public"],
  ["2a00:1450:4001::200e", "public"],
  ["not-an-ip", "invalid"],
  ["256.1.1.1", "invalid"],
  ["1.2.3.4.5", "invalid"],
  ["", "invalid"],
];

describe("classifyAddress", () => {
  it.each(CASES)("%s -> %s", (ip, expected) => {
    expect(classifyAddress(ip)).toBe(expected);
  });
});

describe("ip parsers", () => {
  it("parses inet_aton forms and rejects overflow", () => {
    expect(parseIPv4("1.2.3.4")).toBe(0x01020304);
    expect(parseIPv4("1.2.772")).toBe(0x01020304);
    expect(parseIPv4("4294967296")).toBeNull();
    expect(parseIPv4("1.256.1")).toBeNull();
    expect(parseIPv4("08.1.1.1")).toBeNull();
  });
  it("expands IPv6", () => {
    expect(Array.from(parseIPv6("1::2") ?? [])).toEqual([0, 1, ...new Array(12).fill(0), 0, 2]);
    expect(Array.from(parseIPv6("::ffff:1.2.3.4") ?? []).slice(10)).toEqual([255, 255, 1, 2, 3, 4]);
    expect(parseIPv6("1:2")).toBeNull();
  });
});

describe("assertPublicUrl", () => {
  const resolveTo = (...addresses: string[]) => async () => addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  const reasonOf = async (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e instanceof SsrfError ? e.reason : `other:${String(e)}`));

  it("refuses non-http schemes and bad URLs", async () => {
    expect(await reasonOf(assertPublicUrl("file:///etc/passwd", { allowPrivate: true }))).toBe("scheme");
    expect(await reasonOf(assertPublicUrl("gopher://x", { allowPrivate: true }))).toBe("scheme");
    expect(await reasonOf(assertPublicUrl("not a url", { allowPrivate: true }))).toBe("invalid_url");
  });

  it("checks IP literals, including WHATWG-normalized odd forms, without DNS", async () => {
    expect(await reasonOf(assertPublicUrl("http://2130706433/", { allowPrivate: false }))).toBe("loopback");
    expect(await reasonOf(assertPublicUrl("http://0x7f.1/", { allowPrivate: false }))).toBe("loopback");
    expect(await reasonOf(assertPublicUrl("http://[::ffff:169.254.169.254]/", { allowPrivate: false }))).toBe("metadata");
    expect(await reasonOf(assertPublicUrl("http://169.254.169.254/latest", { allowPrivate: true }))).toBe("metadata");
    expect(await reasonOf(assertPublicUrl("http://[fd00:ec2::254]/", { allowPrivate: true }))).toBe("metadata");
    expect(await reasonOf(assertPublicUrl("https://8.8.8.8/", { allowPrivate: false }))).toBe("ok");
    expect(await reasonOf(assertPublicUrl("http://127.0.0.1:8080/", { allowPrivate: true }))).toBe("ok");
  });

  it("checks every DNS answer", async () => {
    expect(await reasonOf(assertPublicUrl("https://api.example/", { allowPrivate: false, resolve: resolveTo("8.8.8.8") }))).toBe("ok");
    expect(await reasonOf(assertPublicUrl("https://api.example/", { allowPrivate: false, resolve: resolveTo("8.8.8.8", "10.0.0.5") }))).toBe("private");
    expect(await reasonOf(assertPublicUrl("https://api.example/", { allowPrivate: true, resolve: resolveTo("10.0.0.5") }))).toBe("ok");
    expect(await reasonOf(assertPublicUrl("https://api.example/", { allowPrivate: false, resolve: resolveTo() }))).toBe("dns_failed");
    const failing = async () => Promise.reject(Object.assign(new Error("nx"), { code: "ENOTFOUND" }));
    expect(await reasonOf(assertPublicUrl("https://nx.example/", { allowPrivate: false, resolve: failing }))).toBe("dns_failed");
  });

  it("uses the system resolver: localhost is loopback", async () => {
    expect(await reasonOf(assertPublicUrl("http://localhost:3000/", { allowPrivate: false }))).toBe("loopback");
  });
});
