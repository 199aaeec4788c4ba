// A local SMTP server for tests: speaks enough of the protocol for nodemailer and keeps every
// message it receives (mail providers are third parties we cannot reach from here).
import net from "node:net";

export type TSmtpMessage = { from: string; to: string[]; data: string };

export function startSmtpServer() {
  const messages: TSmtpMessage[] = [];
  const server = net.createServer((socket) => {
    let mode: "cmd" | "data" = "cmd";
    let buf = "";
    let current = { from: "", to: [] as string[], data: "" };
    socket.write("220 localhost ESMTP test\r\n");
    socket.on("data", (chunk) => {
      buf += chunk.toString("utf8");
      for (;;) {
        if (mode === "data") {
          const end = buf.indexOf("\r\n.\r\n");
          if (end === -1) return;
          current.data = buf.slice(0, end);
          buf = buf.slice(end + 5);
          messages.push(current);
          current = { from: "", to: [], data: "" };
          mode = "cmd";
          socket.write("250 OK queued\r\n");
          continue;
        }
        const nl = buf.indexOf("\r\n");
        if (nl === -1) return;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250 localhost\r\n");
        else if (verb === "MAIL") (current.from = line), socket.write("250 OK\r\n");
        else if (verb === "RCPT") current.to.push(line), socket.write("250 OK\r\n");
        else if (verb === "DATA") (mode = "data"), socket.write("354 go ahead\r\n");
        else if (verb === "QUIT") socket.end("221 bye\r\n");
        else socket.write("250 OK\r\n");
      }
    });
  });
  return { server, messages };
}

/** A message body with quoted-printable soft breaks and =XX escapes undone. */
export function decodedBody(msg: TSmtpMessage | undefined): string {
  return (msg?.data ?? "").replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}
