import { describe, expect, it } from "vitest";
import { createRedactor, isRedactableContentType } from "@/server/proxy/redact-stream";
import { TEST_PATTERNS } from "@/server/proxy/redact-test-patterns";
import { forwardRequest } from "@/server/proxy/forward";
import { gate, startTestServer } from "@/server/proxy/test-server";

const LITERAL = "upstream-Secret-Value-42";
const OPENAI = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWx0123";
const AWS = "AKIAIOSFODNN7EXAMPLE";
const GH = "ghp_" + "a1B2c3D4e5".repeat(3) + "f6G7h8";
const PEM = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";
const TEXT = `{"k":"${OPENAI}","note":"héllo € 🔑 ${AWS} mail bob.smith@example.co.uk card 4111 1111 1111 1111 not 4111 1111 1111 1112",
"gh":"${GH}","lit":"x${LITERAL}y","pem":"${PEM}"}`;

const redactor = createRedactor({ literals: [LITERAL], patterns: TEST_PATTERNS });
const enc = new TextEncoder();

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(c) {
      for (const chunk of chunks) c.enqueue(chunk);
      c.close();
    },
  });
}
async function collect(stream: ReadableStream<Uint8Array>): Promise<string> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
  return Buffer.concat(parts).toString("utf8");
}
async function redactChunks(chunks: Uint8Array[]) {
  let stats = { count: -1, byId: {} as Record<string, number> };
  const text = await collect(redactor.redactStream(streamOf(chunks), (s) => (stats = s)));
  return { text, stats };
}

describe("redactText", () => {
  it("masks every secret class, validates, and counts", () => {
    const r = redactor.redactText(TEXT);
    for (const secret of [OPENAI, AWS, GH, LITERAL, "bob.smith@example.co.uk", "MIIEvQ", "4111 1111 1111 1111\""]) {
      expect(r.text).not.toContain(secret);
    }
    expect(r.text).toContain("[REDACTED:openai_key]");
    expect(r.text).toContain("[REDACTED:aws_access_key]");
    expect(r.text).toContain("[REDACTED:github_token]");
    expect(r.text).toContain("x[REDACTED:upstream_secret]y");
    expect(r.text).toContain("[EMAIL]");
    expect(r.text).toContain("[CARD ****1111]");
    expect(r.text).toContain("not 4111 1111 1111 1112"); // fails Luhn: left alone
    expect(r.text).toContain("héllo € 🔑");
    expect(r.byId).toEqual({ openai_key: 1, aws_access_key: 1, github_token: 1, upstream_secret: 1, email: 1, card: 1, private_key: 1 });
    expect(r.count).toBe(7);
  });

  it("prefers the longest match where patterns and literals overlap", () => {
    const r = createRedactor({ literals: [OPENAI.slice(0, 12)], patterns: TEST_PATTERNS }).redactText(`a ${OPENAI} b`);
    expect(r.text).toBe("a [REDACTED:openai_key] b");
  });

  it("ignores too-short literals", () => {
    expect(createRedactor({ literals: ["ab"] }).redactText("abc").text).toBe("abc");
  });
});

describe("redactStream", () => {
  const expected = redactor.redactText(TEXT);
  const bytes = enc.encode(TEXT);

  it("matches redactText at every two-way byte split (incl. inside multi-byte chars)", async () => {
    for (let k = 0; k <= bytes.length; k++) {
      const { text, stats } = await redactChunks([bytes.slice(0, k), bytes.slice(k)]);
      expect(text, `split at byte ${k}`).toBe(expected.text);
      expect(stats.count).toBe(expected.count);
    }
  });

  it("matches redactText byte by byte and at random many-way splits", async () => {
    const single = Array.from(bytes, (b) => Uint8Array.of(b));
    expect((await redactChunks(single)).text).toBe(expected.text);
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let run = 0; run < 200; run++) {
      const chunks: Uint8Array[] = [];
      for (let at = 0; at < bytes.length; ) {
        const size = 1 + rand(40);
        chunks.push(bytes.slice(at, at + size));
        at += size;
      }
      expect((await redactChunks(chunks)).text).toBe(expected.text);
    }
  });

  it("lets SSE events through at once and holds only a possible secret start", async () => {
    let push: (s: string) => void = () => undefined;
    let end: () => void = () => undefined;
    const source = new ReadableStream<Uint8Array>({
      start(c) {
        push = (s) => c.enqueue(enc.encode(s));
        end = () => c.close();
      },
    });
    const reader = redactor.redactStream(source).getReader();
    const dec = new TextDecoder();
    push('data: {"delta":"hello"}\n\n');
    expect(dec.decode((await reader.read()).value)).toBe('data: {"delta":"hello"}\n\n');
    push('data: {"delta":"key sk-proj-AbCd');
    expect(dec.decode((await reader.read()).value)).toBe('data: {"delta":"key ');
    push('EfGhIjKlMnOpQrStUvWx0123"}\n\n');
    expect(dec.decode((await reader.read()).value)).toBe('[REDACTED:openai_key]"}\n\n');
    push(`data: ${LITERAL.slice(0, 9)}`);
    expect(dec.decode((await reader.read()).value)).toBe("data: ");
    push(`${LITERAL.slice(9)}\n\n`);
    expect(dec.decode((await reader.read()).value)).toBe("[REDACTED:upstream_secret]\n\n");
    end();
    expect((await reader.read()).done).toBe(true);
  });

  it("bounds the hold-back: an endless matching run still streams", async () => {
    const r = createRedactor({ patterns: [{ id: "blob", regex: /[A-Z]{10,}/g }], maxMatchLength: 64 });
    let push: (s: string) => void = () => undefined;
    const source = new ReadableStream<Uint8Array>({ start: (c) => void (push = (s) => c.enqueue(enc.encode(s))) });
    const reader = r.redactStream(source).getReader();
    push("ok ");
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("ok ");
    for (let i = 0; i < 3; i++) push("A".repeat(50));
    const out = new TextDecoder().decode((await reader.read()).value);
    expect(out).toBe("[REDACTED:blob]");
  });

  it("redacts backreference patterns across splits", async () => {
    const r = createRedactor({ patterns: [{ id: "dup", regex: /(x+)-\1/g }] });
    const data = enc.encode("aa xxx-xxx bb");
    for (let k = 0; k <= data.length; k++) {
      expect(await collect(r.redactStream(streamOf([data.slice(0, k), data.slice(k)])))).toBe("aa [REDACTED:dup] bb");
    }
  });

  it("holds a bounded window for patterns it cannot analyse (v flag) and still redacts", async () => {
    const r = createRedactor({ patterns: [{ id: "v", regex: new RegExp("[\\p{Lu}--[A-Z]]{3}", "gv") }], maxMatchLength: 16 });
    const data = enc.encode("plain ÀÉÎ text that is longer than the window");
    const chunks = Array.from({ length: Math.ceil(data.length / 4) }, (_, i) => data.slice(i * 4, i * 4 + 4));
    expect(await collect(r.redactStream(streamOf(chunks)))).toBe("plain [REDACTED:v] text that is longer than the window");
  });

  it("redacts a secret split across delayed writes from a real SSE upstream, without delaying earlier events", async () => {
    const step = gate();
    const s = await startTestServer(async (_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: first\n\n");
      await step.wait;
      res.write(`data: ${AWS.slice(0, 7)}`);
      await new Promise((r) => setTimeout(r, 30));
      res.end(`${AWS.slice(7)} tail\n\n`);
    });
    const res = await forwardRequest({ upstream: { baseUrl: s.url, timeoutMs: 2_000, allowPrivate: true }, method: "GET", path: "/", headers: {} });
    expect(isRedactableContentType(res.headers.get("content-type"))).toBe(true);
    const reader = redactor.redactStream(res.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("data: first\n\n");
    step.open();
    let rest = "";
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    expect(rest).toBe("data: [REDACTED:aws_access_key] tail\n\n");
    await s.close();
  });
});

describe("isRedactableContentType", () => {
  it("accepts text types and refuses binary ones", () => {
    expect(isRedactableContentType("application/json; charset=utf-8")).toBe(true);
    expect(isRedactableContentType("text/event-stream")).toBe(true);
    expect(isRedactableContentType("application/problem+json")).toBe(true);
    expect(isRedactableContentType("image/png")).toBe(false);
    expect(isRedactableContentType(null)).toBe(false);
  });
});
