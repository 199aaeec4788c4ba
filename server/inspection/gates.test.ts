import { describe, expect, it } from "vitest";
import { WAF_FAMILIES, isTimestampShape, wafFamiliesFor, wafMayMatch } from "./gates";
import { LazyValue, type ValueKind } from "./normalize/values";
import { normalizeValue } from "./normalize/decode";
import { categories, ids, inJson, inQuery } from "./test-helpers";

/** Deterministic generator so a failure names a reproducible value. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WAF_RULES = WAF_FAMILIES.flatMap((f) => f.rules);
const KINDS: ValueKind[] = ["param", "key", "path", "body"];

function timestamp(next: () => number): string {
  const d = (n: number) => Array.from({ length: n }, () => String(Math.floor(next() * 10))).join("");
  let s = `${d(4)}-${d(2)}-${d(2)}`;
  if (next() < 0.9) {
    s += [" ", "t", "T"][Math.floor(next() * 3)] + `${d(2)}:${d(2)}`;
    if (next() < 0.8) {
      s += `:${d(2)}`;
      if (next() < 0.4) s += `.${d(1 + Math.floor(next() * 9))}`;
    }
    const zone = next();
    if (zone < 0.3) s += next() < 0.5 ? "Z" : "z";
    else if (zone < 0.7) s += `${next() < 0.5 ? "+" : "-"}${d(2)}${next() < 0.8 ? `${next() < 0.5 ? ":" : ""}${d(2)}` : ""}`;
  }
  return s;
}

describe("timestamp shape skips no WAF rule", () => {
  it("no WAF rule matches a generated ISO timestamp, whatever its digits", () => {
    const next = rng(3);
    let checked = 0;
    for (let i = 0; i < 6000; i++) {
      const raw = timestamp(next);
      expect(isTimestampShape(raw), raw).toBe(true);
      for (const kind of KINDS) {
        const v = new LazyValue(`x.${kind}`, kind, raw, normalizeValue);
        for (const r of WAF_RULES) {
          if (!r.kinds.has(kind)) continue;
          checked++;
          if (r.test(v)) throw new Error(`${r.rule_id} matches timestamp ${raw} (${kind}): the shape skip would hide it`);
        }
      }
    }
    expect(checked).toBeGreaterThan(1_000_000);
  });

  it("timestamps with anything appended or encoded are not the shape and are still inspected", () => {
    for (const raw of ["2024-04-13T03:15:00Z' or 1=1--", "2024-04-13;cat /etc/passwd", "2024-04-13T03:15:00Z<script>", "2024%2d04%2d13", "2024-04-13T03:15:00\u0000", "２０２４-04-13"]) {
      expect(isTimestampShape(raw), raw).toBe(false);
    }
    expect(categories(inQuery("2024-04-13T03:15:00Z' or 1=1--"))).toContain("sqli");
    expect(ids(inJson({ at: "2024-04-13T03:15:00Z; cat /etc/passwd" }))).toContain("rce-chained-command");
  });

  it("a timestamp value has no WAF work left", () => {
    const v = new LazyValue("body.at", "body", "2024-04-13T03:15:00.123+02:00", normalizeValue);
    expect(wafMayMatch(v)).toBe(false);
    // Headers keep their gates (the upload family reads dotted header values).
    expect(wafMayMatch(new LazyValue("header.x", "header", "2024-04-13T03:15:00.123Z", normalizeValue))).toBe(true);
  });
});

describe("public plain URLs skip SSRF soundly", () => {
  const SSRF = WAF_FAMILIES.find((f) => f.name === "ssrf");
  if (!SSRF) throw new Error("no ssrf family");

  it("the SSRF rules are the ones the URL skip in gates.ts was reasoned about", () => {
    // A new SSRF rule must be checked against isPublicPlainUrl before it is added to this list.
    expect(SSRF.rules.map((r) => r.rule_id).sort()).toEqual(["ssrf-bare-internal-host", "ssrf-loopback", "ssrf-metadata", "ssrf-obfuscated-ip", "ssrf-private", "ssrf-risky-scheme", "ssrf-schemeless-internal-name"]);
  });

  it("no SSRF rule matches a plain URL the skip accepts; internal hosts keep the SSRF family", () => {
    const next = rng(9);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
    const labels = ["api", "cdn", "example", "com", "io", "net", "ftp", "http", "https", "gopher", "local", "internal", "localhost", "metadata", "google", "svc", "cluster", "kubernetes", "default", "lan", "corp", "nip", "xip", "sslip", "me", "lvh", "localtest", "127", "0", "1", "10", "169", "254", "192", "168", "0x7f", "2130706433", "017700000001", "a-b", "x1", "home", "arpa", "docker", "instance-data", "ec2", "azure"];
    const hosts = () => Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(labels)).join(".");
    const path = () => Array.from({ length: Math.floor(next() * 4) }, () => `/${pick(["v1", "orders", "u", "3.png", "", "latest", "meta-data", "a_b", "~x", "169.254.169.254", "localhost"])}`).join("");
    const query = () => (next() < 0.4 ? `?${pick(["size=64&fmt=webp", "a=1", "x", "url=http", "next=localhost"])}` : "");
    let skipped = 0;
    let kept = 0;
    for (let i = 0; i < 20_000; i++) {
      const url = `${pick(["http", "https"])}://${hosts()}${next() < 0.15 ? `:${Math.floor(next() * 65536)}` : ""}${path()}${query()}`;
      const v = new LazyValue("body.url", "body", url, normalizeValue);
      if (wafFamiliesFor(v).some((f) => f.name === "ssrf") || SSRF.gate === null || (typeof SSRF.gate === "function" && SSRF.gate(v))) {
        kept++;
        continue;
      }
      if (!wafMayMatch(v) || !url.includes("//")) continue;
      skipped++;
      for (const r of SSRF.rules) if (r.test(v)) throw new Error(`${r.rule_id} matches ${url}, which the URL skip hides`);
    }
    expect(skipped).toBeGreaterThan(2000);
    expect(kept).toBeGreaterThan(2000);
  });

  it("still reports SSRF in plain-looking URLs", () => {
    for (const [url, rule] of [
      ["http://169.254.169.254/latest/meta-data/", "ssrf-metadata"],
      ["http://metadata.google.internal/computeMetadata/v1/", "ssrf-metadata"],
      ["http://localhost/admin", "ssrf-loopback"],
      ["http://127.1/", "ssrf-loopback"],
      ["http://2130706433/", "ssrf-loopback"],
      ["https://example.com//169.254.169.254/", "ssrf-metadata"],
      ["http://kubernetes.default.svc/api", "ssrf-private"],
      ["http://10.0.0.5:8080/", "ssrf-private"],
    ] as const) {
      expect(ids(inJson({ url })), url).toContain(rule);
    }
    expect(ids(inJson({ links: { self: "https://api.example.com/v1/orders/42?expand=items&fmt=json" } }))).toEqual([]);
  });
});
