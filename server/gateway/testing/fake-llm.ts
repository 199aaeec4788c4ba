// A local server that speaks enough of the OpenAI chat-completions API (JSON
// and SSE streaming) and a small JSON REST API for gateway tests. It records
// what it received so tests can check secret injection and header stripping.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface FakeUpstream {
  url: string;
  received: Received[];
  /** Text the next chat completion answers with. */
  reply: { text: string };
  close(): Promise<void>;
}

export async function startFakeUpstream(): Promise<FakeUpstream> {
  const received: Received[] = [];
  const reply = { text: "Hello from the fake model." };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      const url = new URL(req.url ?? "/", "http://x");
      if (url.pathname.endsWith("/chat/completions")) {
        const parsed = JSON.parse(body || "{}") as { model?: string; stream?: boolean };
        const model = parsed.model ?? "gpt-4o-mini";
        const usage = { prompt_tokens: 12, completion_tokens: 8, total_tokens: 20 };
        if (parsed.stream) {
          res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
          const words = reply.text.split(/(?<= )/);
          let i = 0;
          const tick = () => {
            if (i < words.length) {
              const chunk = { id: "c1", object: "chat.completion.chunk", created: 1, model, choices: [{ index: 0, delta: { content: words[i] }, finish_reason: null }] };
              res.write(`data: ${JSON.stringify(chunk)}\n\n`);
              i++;
              setTimeout(tick, 5);
              return;
            }
            res.write(`data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 1, model, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] })}\n\n`);
            res.write(`data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 1, model, choices: [], usage })}\n\n`);
            res.end("data: [DONE]\n\n");
          };
          tick();
          return;
        }
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({
          id: "c1", object: "chat.completion", created: 1, model,
          choices: [{ index: 0, message: { role: "assistant", content: reply.text }, finish_reason: "stop" }], usage,
        }));
        return;
      }
      if (url.pathname.startsWith("/fail")) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end('{"error":"boom"}');
        return;
      }
      // Like most REST APIs: a JSON body of declared length (the gateway reads these whole).
      const json = JSON.stringify({ ok: true, path: url.pathname, query: url.search, echo: reply.text });
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
      res.end(json);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    reply,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
