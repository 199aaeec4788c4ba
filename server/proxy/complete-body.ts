// Complete (buffered) response bodies.
//
// Most API responses are small and arrive whole. For those, forward.ts reads the body into one
// Buffer instead of wrapping the socket in a Web stream; the output filter redacts the whole text
// at once instead of through a TransformStream; and the node:http adapter writes status, headers
// and body in one res.end() instead of pumping a reader. Each step finds the bytes here.
//
// A CompleteResponse is a real Response (instanceof Response, same status, headers and body for
// every reader: .text(), .json(), .arrayBuffer(), .bytes(), .blob(), .body, clone()), but its body
// stream is only built if someone asks for it. Building a Response with a body costs ~20–25 µs in
// Node 20's undici (a ReadableStream and its transfer machinery), a Response without one ~3 µs, and
// on the node:http fast path nobody ever reads the stream. So this is a shortcut, never a
// different result.
const decoder = new TextDecoder();

export class CompleteResponse extends Response {
  readonly #bytes: Uint8Array;
  #stream: ReadableStream<Uint8Array<ArrayBuffer>> | null = null;
  #used = false;

  constructor(bytes: Uint8Array, init: ResponseInit) {
    super(null, init);
    this.#bytes = bytes;
  }

  /** The whole body, if it has not been consumed (read, or handed out as a stream). */
  get bytesIfUnread(): Uint8Array | null {
    return this.#used || this.#stream ? null : this.#bytes;
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> {
    if (!this.#stream) {
      const bytes = this.#bytes;
      const consumed = this.#used;
      this.#stream = new ReadableStream<Uint8Array<ArrayBuffer>>({
        start(controller) {
          if (!consumed && bytes.byteLength > 0) controller.enqueue(bytes as Uint8Array<ArrayBuffer>);
          controller.close();
        },
      });
    }
    return this.#stream;
  }

  override get bodyUsed(): boolean {
    return this.#used || (this.#stream?.locked ?? false);
  }

  /**
   * The bytes, consuming the body; null once the stream was handed out (then the platform reads
   * that stream, with its own rules for a stream that is locked or partly read).
   */
  #take(): Uint8Array | null {
    if (this.#stream) return null;
    if (this.#used) throw new TypeError("Body is unusable: Body has already been read");
    this.#used = true;
    return this.#bytes;
  }

  #viaStream(): Response {
    return new Response(this.#stream, { headers: this.headers });
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    const b = this.#take();
    if (!b) return this.#viaStream().arrayBuffer();
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.arrayBuffer());
  }

  override async text(): Promise<string> {
    const b = this.#take();
    return b ? decoder.decode(b) : this.#viaStream().text();
  }

  override async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  override async blob(): Promise<Blob> {
    const b = this.#take();
    if (!b) return this.#viaStream().blob();
    return new Blob([b as Uint8Array<ArrayBuffer>], { type: this.headers.get("content-type") ?? "" });
  }

  override async formData(): Promise<FormData> {
    // Rare on a gateway response; the platform parser handles every form encoding.
    const b = this.#take();
    return (b ? new Response(b as Uint8Array<ArrayBuffer>, { headers: this.headers }) : this.#viaStream()).formData();
  }

  override clone(): Response {
    if (this.bodyUsed) throw new TypeError("Response.clone: Body has already been consumed.");
    if (this.#stream) {
      // Tee the handed-out stream as the platform would.
      const [a, b] = this.#stream.tee();
      this.#stream = a;
      return new Response(b, { status: this.status, statusText: this.statusText, headers: new Headers(this.headers) });
    }
    return new CompleteResponse(this.#bytes, { status: this.status, statusText: this.statusText, headers: new Headers(this.headers) });
  }
}

/** A Response whose body is exactly `bytes`, marked so later steps can skip the stream machinery. */
export function completeResponse(bytes: Uint8Array, init: ResponseInit): Response {
  return new CompleteResponse(bytes, init);
}

/** The whole body of a Response made by completeResponse, if it has not been read as a stream. */
export function completeBodyOf(res: Response): Uint8Array | null {
  return res instanceof CompleteResponse ? res.bytesIfUnread : null;
}
