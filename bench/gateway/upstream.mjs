// The benchmark's upstream: plain node:http answering a small JSON body to any
// request (the body of a POST is read and discarded). Run as its own process so
// it does not share an event loop with the load generator.
//   node bench/gateway/upstream.mjs [port]   → prints {"event":"listening","port":N}
import http from "node:http";

const body = JSON.stringify({ ok: true, items: [{ id: 1, name: "alpha" }, { id: 2, name: "beta" }] });
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.argv[2] ?? 0), "127.0.0.1", () => {
  process.stdout.write(JSON.stringify({ event: "listening", port: server.address().port, pid: process.pid }) + "\n");
});
process.on("SIGTERM", () => process.exit(0));
