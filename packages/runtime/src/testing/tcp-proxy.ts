import { connect, createServer, type Socket } from "node:net";

export interface TcpProxy {
  /** The target's URL with the proxy's host and port, to connect through. */
  url: string;
  /** As a network that fails: every open connection drops, and new ones are refused until `up`. */
  down(): void;
  /** Forwards again: new connections are accepted and passed on (those black-holed before stay silent). */
  up(): void;
  /** Drops the open connections whose client sent `text` first thing (Redis: its CLIENT SETNAME); they may reconnect. */
  drop(text: string): void;
  /**
   * As a partition or a proxy that stops forwarding: the open connections whose client sent `text` first thing (all
   * of them without `text`) stay open but carry nothing either way, and neither side is told. Without `text`, the
   * connections opened until `up` are black-holed too; with it, a client that reconnects gets through.
   */
  blackHole(text?: string): void;
  close(): Promise<void>;
}

interface Connection {
  /** What the client sent first, to tell connections apart. */
  text: string;
  upstream: Socket;
  /** Bytes are dropped in both directions; the sockets stay open. */
  silent: boolean;
}

/**
 * A TCP proxy in front of a service (Redis, the API), so that a test can take it away and bring it back, cut one
 * client off and let it reconnect, or let connections go silent without either side noticing.
 */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const url = new URL(target);
  let refusing = false;
  let silencing = false;
  const open = new Set<Socket>();
  const connections = new Map<Socket, Connection>();
  // half-open allowed: a silent connection does not answer the client's FIN either
  const server = createServer({ allowHalfOpen: true }, (client) => {
    if (refusing) {
      client.destroy();
      return;
    }
    const upstream = connect({ port: Number(url.port), host: url.hostname, allowHalfOpen: true });
    for (const socket of [client, upstream]) open.add(socket);
    const connection: Connection = { text: "", upstream, silent: silencing };
    connections.set(client, connection);
    const end = () => {
      connections.delete(client);
      for (const socket of [client, upstream]) {
        socket.destroy();
        open.delete(socket);
      }
    };
    for (const socket of [client, upstream]) {
      socket.on("error", end);
      socket.on("close", end);
    }
    // written by hand rather than piped, so that a connection can stop carrying bytes and stay open
    client.on("data", (chunk: Buffer) => {
      if (connection.text.length < 4096) connection.text += chunk.toString("latin1");
      if (!connection.silent) upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (!connection.silent) client.write(chunk);
    });
    client.on("end", () => {
      if (!connection.silent) upstream.end();
    });
    upstream.on("end", () => {
      if (!connection.silent) client.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const proxied = new URL(target);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(typeof address === "object" && address ? address.port : 0);
  const matching = (text: string | undefined) =>
    [...connections].filter(([, connection]) => text === undefined || connection.text.includes(text));
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
      silencing = false;
    },
    drop(text) {
      for (const [client, { upstream }] of matching(text)) {
        for (const socket of [client, upstream]) socket.destroy();
      }
    },
    blackHole(text) {
      if (text === undefined) silencing = true;
      for (const [, connection] of matching(text)) connection.silent = true;
    },
    close() {
      refusing = true;
      for (const socket of open) socket.destroy();
      open.clear();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
