import { describe, expect, it } from "vitest";
import { derivePrefixRegex } from "@/server/proxy/regex-prefix";
import { TEST_PATTERNS } from "@/server/proxy/redact-test-patterns";

const EXTRA: RegExp[] = [
  /(?:api|secret)_?key[=:]\s*["']?[A-Za-z0-9]{16,64}/gi,
  /\b\d{3}-\d{2}-\d{4}\b/g,
  /xox[baprs]-[0-9A-Za-z-]{10,48}/g,
  /(?<=token=)[a-f0-9]{32}/g,
  /AIza[0-9A-Za-z\-_]{35}/g,
  /\p{Lu}{3}-\d{4}/gu,
  /\b\d{3}([- ])\d{2}\1\d{4}\b/g,
  /(?<q>["'])[a-z]{3,}\k<q>/g,
];
const TEXTS = [
  "prefix sk-proj-AbCdEfGhIjKlMnOpQrStUvWx0123 and AKIAIOSFODNN7EXAMPLE then bob@example.com.",
  "API_KEY: 'abcdefABCDEF0123456789' ssn 123-45-6789 slack xoxb-1234567890-abcdef",
  "url?token=0123456789abcdef0123456789abcdef&x=AIzaSyA-1234567890abcdefghijklmnopqrstu",
  "-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY----- card 4111-1111-1111-1111 ÉÀÜ-1234",
];

describe("derivePrefixRegex", () => {
  it("is sound: every cut inside a real match holds back from at or before the match start", () => {
    for (const re of [...TEST_PATTERNS.map((p) => p.regex), ...EXTRA]) {
      const prefix = derivePrefixRegex(re);
      expect(prefix, re.source).not.toBeNull();
      if (!prefix) continue;
      for (const text of TEXTS) {
        for (const m of text.matchAll(new RegExp(re.source, re.flags))) {
          const start = m.index;
          for (let cut = start + 1; cut <= start + m[0].length; cut++) {
            const s = text.slice(0, cut);
            let runStart = s.length;
            while (runStart > 0 && prefix.canOccur(s.charCodeAt(runStart - 1))) runStart--;
            prefix.tail.lastIndex = runStart;
            const hit = prefix.tail.exec(s);
            expect(hit && hit.index <= start, `${re.source} cut ${cut} of ${JSON.stringify(m[0])}`).toBe(true);
          }
        }
      }
    }
  });

  it("does not hold back text that cannot start a match", () => {
    const prefix = derivePrefixRegex(/sk-[A-Za-z0-9]{20,}/g);
    expect(prefix?.tail.exec('data: {"x":1}\n\n')).toBeNull();
    expect(prefix?.canOccur("\n".charCodeAt(0))).toBe(false);
    expect(prefix?.canOccur("k".charCodeAt(0))).toBe(true);
    const bounded = derivePrefixRegex(/AKIA[0-9A-Z]{16}/g);
    expect(bounded?.maxLength).toBeLessThanOrEqual(40);
  });

  it("over-approximates backreferences by their group and gives up on the v flag", () => {
    const ssn = derivePrefixRegex(/\b\d{3}([- ])\d{2}\1\d{4}\b/g);
    expect(ssn?.tail.exec("ssn 123-45 ")?.index).toBe(4);
    expect(ssn?.tail.exec('ssn 123-45-6789"}\n\n')).toBeNull();
    expect(derivePrefixRegex(new RegExp("(a)\\2", "g"))).not.toBeNull(); // octal escape, not a reference
    expect(derivePrefixRegex(new RegExp("[a]", "v"))).toBeNull();
  });
});
