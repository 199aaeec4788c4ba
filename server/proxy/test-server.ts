// Real local HTTP servers for tests (127.0.0.1, ephemeral port). Not a stub: requests cross a socket.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type TTestServer = { url: string; port: number; server: http.Server; close(): Promise<void> };

export async function startTestServer(handler: http.RequestListener): Promise<TTestServer> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A promise plus its resolver, to let a test step a server handler forward. */
export function gate(): { wait: Promise<void>; open(): void } {
  let open = () => undefined as void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}
