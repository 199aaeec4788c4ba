import { describe, expect, it } from "vitest";
import { splitLines } from "./lines";

async function collect(chunks: (string | Uint8Array)[]): Promise<string[]> {
  async function* source() {
    yield* chunks;
  }
  const out: string[] = [];
  for await (const line of splitLines(source())) out.push(line);
  return out;
}

describe("splitLines", () => {
  it("joins lines across chunks and keeps a last line without newline", async () => {
    expect(await collect(["a\nb", "c\n", "\nd"])).toEqual(["a", "bc", "", "d"]);
    expect(await collect(["x\n"])).toEqual(["x"]);
  });

  it("keeps multi-byte characters split across byte chunks", async () => {
    const bytes = Buffer.from("é€😀\nz\n", "utf8");
    const chunks = Array.from(bytes, (b) => Uint8Array.of(b));
    expect(await collect(chunks)).toEqual(["é€😀", "z"]);
  });
});
