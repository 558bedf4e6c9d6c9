import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { TRPCError } from "@trpc/server";
import { applyWSSHandler, handleKeepAlive } from "@trpc/server/adapters/ws";
import { type WebSocket, WebSocketServer } from "ws";
import type { Container } from "../container";
import type { Context } from "../trpc/context";
import { appRouter } from "../trpc/root";
import { createWriteCoalescer } from "./coalesce-writes";
import { createConnectionGuard, type GuardedConnection } from "./connection-limits";
import { directSubscriptions } from "./direct-subscription";
import { sharedDataFrame, sharedFrameBytesEncoder, sharedFrameEncoder } from "./shared-frames";
import { rawFrameWriter } from "./text-frames";
import { createTurnBudget } from "./turn-budget";
import { createWsContextFactory, upgradeRequestInfo } from "./ws-context";

export const realtimePath = "/trpc-ws";
/** Connections that write realtime frames in one turn of the event loop before I/O gets a turn. */
const connectionsPerTurn = 100;
/** `realtime.events` subscriptions one connection may run at once (the web app runs one). */
const subscriptionsPerConnection = 10;

export interface RealtimeServer {
  /** Tells every client to reconnect (to another replica), before this one stops. */
  broadcastReconnect(): void;
  connectionCount(): number;
  close(): Promise<void>;
}

function reject(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

/**
 * Cross-site WebSocket hijacking: a browser sends the session cookie with any page's WebSocket, so a
 * handshake that names an Origin must name ours or an allowed one. Clients outside browsers send none.
 */
function originAllowed(req: IncomingMessage, container: Container): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const self = new URL(upgradeRequestInfo(req, container.env.trustProxy).url).origin;
  return origin === self || container.env.allowedOrigins.includes(origin);
}

type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** The node HTTP server `@hono/node-server` returns, as far as upgrades go. */
export interface UpgradeSource {
  on(event: "upgrade", listener: UpgradeListener): unknown;
  off(event: "upgrade", listener: UpgradeListener): unknown;
}

/** tRPC over WebSocket on the API's own HTTP server, at `/trpc-ws` only. */
export function attachRealtimeServer(server: UpgradeSource, container: Container): RealtimeServer {
  const { logger } = container;
  // per-message deflate stays off (ws's default for servers): frames are the same bytes for every connection
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024, perMessageDeflate: false });
  const coalesceWrites = createWriteCoalescer();
  wss.on("connection", coalesceWrites);
  const createContext = createWsContextFactory(container);
  const contexts = new WeakMap<WebSocket, Promise<Context>>();
  const { env } = container;
  const guard = createConnectionGuard({
    authTimeoutMs: env.REALTIME_AUTH_TIMEOUT_MS,
    perActor: env.REALTIME_CONNECTIONS_PER_USER,
    unauthenticatedPerIp: env.REALTIME_UNAUTHENTICATED_CONNECTIONS_PER_IP,
  });
  const guarded = new WeakMap<WebSocket, GuardedConnection>();
  const onError = ({ error, path }: { error: TRPCError; path: string | undefined }) => {
    if (error.code === "INTERNAL_SERVER_ERROR")
      logger.error({ err: error.cause ?? error, path }, "realtime procedure failed");
  };
  const attachDirect = directSubscriptions<Context>({
    router: appRouter,
    path: "realtime.events",
    encoder: sharedFrameBytesEncoder,
    sharedData: sharedDataFrame,
    frameWriter: (client) => rawFrameWriter(client, coalesceWrites.hold),
    budget: createTurnBudget(connectionsPerTurn),
    maxRunning: subscriptionsPerConnection,
    contextOf: (client) => contexts.get(client),
    onError,
  });
  // before tRPC's own listener: keep-alive sees every message, the realtime subscription is taken over
  wss.on("connection", (client: WebSocket, req: IncomingMessage) => {
    guarded.set(client, guard.opened(client, upgradeRequestInfo(req, env.trustProxy).ip));
    handleKeepAlive(client, 30_000, 10_000);
    attachDirect(client);
  });
  const handler = applyWSSHandler({
    wss,
    router: appRouter,
    createContext: (opts) => {
      const context = createContext(opts);
      contexts.set(opts.res, context);
      // settled before tRPC's own wait on it: a refused connection is closed before any subscription starts
      context.then(
        (ctx) => guarded.get(opts.res)?.authenticated(ctx.actor),
        () => undefined,
      );
      return context;
    },
    experimental_encoder: sharedFrameEncoder,
    onError,
  });

  const onUpgrade: UpgradeListener = (req, socket, head) => {
    const path = (req.url ?? "").split("?")[0];
    if (path !== realtimePath) {
      socket.destroy();
      return;
    }
    if (!originAllowed(req, container)) {
      reject(socket, 403, "Forbidden");
      return;
    }
    wss.handleUpgrade(req, socket, head, (client) => wss.emit("connection", client, req));
  };
  server.on("upgrade", onUpgrade);

  return {
    broadcastReconnect: () => handler.broadcastReconnectNotification(),
    connectionCount: () => wss.clients.size,
    async close() {
      server.off("upgrade", onUpgrade);
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
