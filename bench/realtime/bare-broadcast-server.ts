/**
 * The baseline: a bare `ws` server that relays every message from its publisher (the first client to say
 * "publisher") to every other client, with nothing in between. Run as its own process, like the API.
 */
import { type WebSocket, WebSocketServer } from "ws";

const settings: Record<string, string | undefined> = process.env;
const port = Number(settings.PORT ?? 0);
const wss = new WebSocketServer({ port, host: "127.0.0.1" });
let publisher: WebSocket | undefined;

wss.on("connection", (socket) => {
  socket.on("message", (data, isBinary) => {
    const text = isBinary ? "" : data.toString();
    if (text === "publisher") {
      publisher = socket;
      return;
    }
    if (socket !== publisher) return;
    for (const client of wss.clients)
      if (client !== publisher && client.readyState === client.OPEN) client.send(text);
  });
});
wss.on("listening", () => {
  const address = wss.address();
  process.stdout.write(`listening ${typeof address === "object" && address ? address.port : address}\n`);
});
process.on("SIGTERM", () => wss.close(() => process.exit(0)));
