import { describe, expect, it } from "vitest";
import { completeBodyOf, completeResponse } from "@/server/proxy/complete-body";

const json = '{"ok":true,"name":"Zoë"}';
const make = (body = json) => completeResponse(new TextEncoder().encode(body), { status: 201, statusText: "Created", headers: { "content-type": "application/json", "x-a": "1" } });

async function readStream(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("completeResponse: a Response whose body stream is built only on demand", () => {
  it("is a Response with the status, headers and body of an ordinary one", async () => {
    const res = make();
    expect(res).toBeInstanceOf(Response);
    expect(res.status).toBe(201);
    expect(res.statusText).toBe("Created");
    expect(res.ok).toBe(true);
    expect(res.headers.get("x-a")).toBe("1");
    expect(res.bodyUsed).toBe(false);
    expect(await res.json()).toEqual({ ok: true, name: "Zoë" });
    expect(res.bodyUsed).toBe(true);
  });

  it("can be read once, like any Response", async () => {
    const res = make();
    expect(await res.text()).toBe(json);
    await expect(res.text()).rejects.toThrow(TypeError);
    await expect(res.arrayBuffer()).rejects.toThrow(TypeError);
    expect(completeBodyOf(res)).toBeNull();
  });

  it("reads as arrayBuffer, bytes and blob", async () => {
    expect(new TextDecoder().decode(await make().arrayBuffer())).toBe(json);
    expect(new TextDecoder().decode(await make().bytes())).toBe(json);
    const blob = await make().blob();
    expect(blob.type).toBe("application/json");
    expect(await blob.text()).toBe(json);
  });

  it("hands out its body as a stream (what Next.js and new Response(res.body, res) read)", async () => {
    const res = make();
    const stream = res.body;
    expect(stream).toBeInstanceOf(ReadableStream);
    expect(res.body).toBe(stream);
    // Once the stream is out, the fast path must not also send the bytes.
    expect(completeBodyOf(res)).toBeNull();
    const copy = new Response(res.body, res);
    expect(copy.status).toBe(201);
    expect(copy.headers.get("content-type")).toBe("application/json");
    expect(await copy.text()).toBe(json);
    expect(res.bodyUsed).toBe(true);
  });

  it("reads through the handed-out stream when a reader method follows .body", async () => {
    const res = make();
    void res.body;
    expect(await res.text()).toBe(json);
    await expect(res.text()).rejects.toThrow(TypeError);
  });

  it("an empty body streams as empty", async () => {
    const res = completeResponse(new Uint8Array(0), { status: 200 });
    expect(await readStream(res.body as ReadableStream<Uint8Array>)).toBe("");
  });

  it("clones before and after the stream is handed out, each copy reading the whole body", async () => {
    const a = make();
    const b = a.clone();
    expect(await a.text()).toBe(json);
    expect(await b.text()).toBe(json);
    expect(b.headers.get("x-a")).toBe("1");

    const c = make();
    void c.body;
    const d = c.clone();
    expect(await d.text()).toBe(json);
    expect(await c.text()).toBe(json);

    const used = make();
    await used.text();
    expect(() => used.clone()).toThrow(TypeError);
  });

  it("exposes its bytes to the fast path only while unread", async () => {
    const res = make();
    expect(new TextDecoder().decode(completeBodyOf(res) ?? new Uint8Array())).toBe(json);
    expect(completeBodyOf(new Response(json))).toBeNull();
    await res.text();
    expect(completeBodyOf(res)).toBeNull();
  });
});
