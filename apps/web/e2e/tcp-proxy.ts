import { connect, createServer, type Socket } from "node:net";

export interface TcpProxy {
  /** The proxy's address, to open the app through. */
  url: string;
  /** As an API process that stops: every open connection drops, and new ones are refused until `up`. */
  down(): void;
  up(): void;
  close(): Promise<void>;
}

/** A TCP proxy in front of the API, so that a browser test can take the server away and bring it back. */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const { hostname, port } = new URL(target);
  let refusing = false;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    if (refusing) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(port), hostname);
    for (const socket of [client, upstream]) open.add(socket);
    const end = () => {
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
  const proxyPort = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${proxyPort}`,
    down() {
      refusing = true;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    up() {
      refusing = false;
    },
    close() {
      for (const socket of open) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
