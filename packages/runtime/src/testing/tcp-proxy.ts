import { connect, createServer, type Socket } from "node:net";

export interface TcpProxy {
  /** The target's URL with the proxy's host and port, to connect through. */
  url: string;
  /** As a network that fails: every open connection drops, and new ones are refused until `up`. */
  down(): void;
  up(): void;
  /** Drops the open connections whose client sent `text` first thing (Redis: its CLIENT SETNAME); they may reconnect. */
  drop(text: string): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of a service (Redis, the API), so that a test can take it away and bring it back, or cut one
 * client off and let it reconnect.
 */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const url = new URL(target);
  let refusing = false;
  const open = new Set<Socket>();
  /** What each client connection sent first, to tell them apart. */
  const opening = new Map<Socket, { text: string; upstream: Socket }>();
  const server = createServer((client) => {
    if (refusing) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(url.port), url.hostname);
    for (const socket of [client, upstream]) open.add(socket);
    const first = { text: "", upstream };
    opening.set(client, first);
    client.on("data", (chunk: Buffer) => {
      if (first.text.length < 4096) first.text += chunk.toString("latin1");
    });
    const end = () => {
      opening.delete(client);
      for (const socket of [client, upstream]) {
        socket.destroy();
        open.delete(socket);
      }
    };
    for (const socket of [client, upstream]) {
      socket.on("error", end);
      socket.on("close", end);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const proxied = new URL(target);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(typeof address === "object" && address ? address.port : 0);
  return {
    // without the slash URL adds after an http host, so paths can be appended
    url: proxied.toString().replace(/\/$/, ""),
    down() {
      refusing = true;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    up() {
      refusing = false;
    },
    drop(text) {
      for (const [client, { text: sent, upstream }] of [...opening]) {
        if (!sent.includes(text)) continue;
        for (const socket of [client, upstream]) socket.destroy();
      }
    },
    close() {
      refusing = true;
      for (const socket of open) socket.destroy();
      open.clear();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
