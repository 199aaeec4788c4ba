// Complete (buffered) response bodies, carried beside their Response.
//
// Most API responses are small and arrive whole. For those, forward.ts reads the body into one
// Buffer instead of wrapping the socket in a Web stream; the output filter redacts the whole text
// at once instead of through a TransformStream; and the node:http adapter writes status, headers
// and body in one res.end() instead of pumping a reader. Each step finds the bytes here. The
// Response still carries the same bytes as its body, so any other consumer (the App Router route
// handler, tests) reads it as usual: this is a shortcut, never a different result.
const bodies = new WeakMap<Response, Uint8Array>();

/** A Response whose body is exactly `bytes`, marked so later steps can skip the stream machinery. */
export function completeResponse(bytes: Uint8Array, init: ResponseInit): Response {
  const res = new Response(bytes as Uint8Array<ArrayBuffer>, init);
  bodies.set(res, bytes);
  return res;
}

/** The whole body of a Response made by completeResponse, if it has not been read as a stream. */
export function completeBodyOf(res: Response): Uint8Array | null {
  const bytes = bodies.get(res);
  return bytes && !res.bodyUsed ? bytes : null;
}
