import { randomBytes } from "node:crypto";
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";

interface Session {
  id: string;
  token: string;
  intents: number;
  sequence: number;
  /** Dispatches sent in this session, replayed after a RESUME with a lower sequence. */
  history: Array<{ s: number; payload: string }>;
  socket: WebSocket | undefined;
}

export interface FakeDiscordGateway {
  /** IDENTIFY payloads received (token, intents), oldest first. */
  identifies: Array<{ token: string; intents: number }>;
  /** RESUME payloads received. */
  resumes: Array<{ sessionId: string; seq: number }>;
  /** Heartbeats received. */
  readonly heartbeats: number;
  /** Sockets currently connected (identified or not). */
  readonly connections: number;
  /** Sessions that completed IDENTIFY and are connected now. */
  readonly readySessions: number;
  /** Sends MESSAGE_CREATE with this message object to every session (of one bot token, if given). */
  dispatchMessage(message: Record<string, unknown>, botToken?: string): void;
  /** Any dispatch, e.g. MESSAGE_UPDATE. */
  dispatch(event: string, data: unknown, botToken?: string): void;
  /** Drops every connection with this close code (4000: resumable, 4004: bad token, 4009: session timed out). */
  disconnectAll(code?: number): void;
  /** op 7: asks every client to reconnect and resume. */
  requestReconnect(): void;
  /** op 9: tells every client its session is invalid (resumable or not). */
  invalidateSessions(resumable: boolean): void;
  /** Stops answering heartbeats, so clients see a zombie connection. */
  muteHeartbeatAcks(muted: boolean): void;
  close(): Promise<void>;
}

export interface FakeGatewayOptions {
  path: string;
  botTokens: string[];
  botUser: { id: string; username: string };
  applicationId: string;
  heartbeatIntervalMs?: number | undefined;
}

/** Discord's Gateway protocol on the fake's HTTP server: HELLO, IDENTIFY/READY, heartbeats, RESUME, dispatches. */
export async function startFakeDiscordGateway(
  server: Server,
  options: FakeGatewayOptions,
): Promise<FakeDiscordGateway> {
  const wss = new WebSocketServer({ noServer: true });
  const sessions = new Map<string, Session>();
  const sockets = new Set<WebSocket>();
  const identifies: FakeDiscordGateway["identifies"] = [];
  const resumes: FakeDiscordGateway["resumes"] = [];
  let heartbeats = 0;
  let acksMuted = false;
  const heartbeatInterval = options.heartbeatIntervalMs ?? 41_250;

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? "/", "http://fake").pathname !== options.path) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit("connection", ws));
  };
  server.on("upgrade", onUpgrade);

  const send = (socket: WebSocket, payload: object) => socket.send(JSON.stringify(payload));

  const dispatchTo = (session: Session, event: string, data: unknown) => {
    session.sequence += 1;
    const payload = JSON.stringify({ op: 0, t: event, s: session.sequence, d: data });
    session.history.push({ s: session.sequence, payload });
    session.socket?.send(payload);
  };

  const sessionOf = (socket: WebSocket) =>
    [...sessions.values()].find((session) => session.socket === socket);

  wss.on("connection", (socket) => {
    sockets.add(socket);
    send(socket, { op: 10, d: { heartbeat_interval: heartbeatInterval }, s: null, t: null });

    socket.on("message", (raw) => {
      let message: { op?: number; d?: Record<string, unknown> | number | null };
      try {
        message = JSON.parse(raw.toString());
      } catch {
        socket.close(4002, "Error while decoding payload.");
        return;
      }
      const data = typeof message.d === "object" && message.d !== null ? message.d : {};
      switch (message.op) {
        case 1:
          heartbeats += 1;
          if (!acksMuted) send(socket, { op: 11 });
          return;
        case 2: {
          const token = String(data.token ?? "");
          if (!options.botTokens.includes(token)) {
            socket.close(4004, "Authentication failed.");
            return;
          }
          const intents = Number(data.intents ?? 0);
          identifies.push({ token, intents });
          const session: Session = {
            id: randomBytes(16).toString("hex"),
            token,
            intents,
            sequence: 0,
            history: [],
            socket,
          };
          sessions.set(session.id, session);
          const port = (server.address() as { port: number }).port;
          dispatchTo(session, "READY", {
            v: 10,
            user: {
              id: options.botUser.id,
              username: options.botUser.username,
              bot: true,
              discriminator: "0",
            },
            guilds: [],
            session_id: session.id,
            resume_gateway_url: `ws://127.0.0.1:${port}${options.path}`,
            application: { id: options.applicationId, flags: 0 },
          });
          return;
        }
        case 6: {
          const sessionId = String(data.session_id ?? "");
          const seq = Number(data.seq ?? 0);
          resumes.push({ sessionId, seq });
          const session = sessions.get(sessionId);
          if (!session || session.token !== data.token) {
            send(socket, { op: 9, d: false });
            return;
          }
          session.socket = socket;
          for (const missed of session.history.filter((entry) => entry.s > seq)) socket.send(missed.payload);
          dispatchTo(session, "RESUMED", null);
          return;
        }
        default:
          return;
      }
    });

    socket.on("close", () => {
      sockets.delete(socket);
      const session = sessionOf(socket);
      if (session) session.socket = undefined;
    });
  });

  const sessionsOf = (botToken?: string) =>
    [...sessions.values()].filter((session) => botToken === undefined || session.token === botToken);

  return {
    identifies,
    resumes,
    get heartbeats() {
      return heartbeats;
    },
    get connections() {
      return sockets.size;
    },
    get readySessions() {
      return sessionsOf().filter((session) => session.socket !== undefined).length;
    },
    // disconnected sessions keep them, as Discord does, for a RESUME to replay
    dispatchMessage(message, botToken) {
      for (const session of sessionsOf(botToken)) dispatchTo(session, "MESSAGE_CREATE", message);
    },
    dispatch(event, data, botToken) {
      for (const session of sessionsOf(botToken)) dispatchTo(session, event, data);
    },
    disconnectAll(code = 4000) {
      for (const socket of sockets) socket.close(code, "closed by the fake");
      if (code === 4009) sessions.clear();
    },
    requestReconnect() {
      for (const socket of sockets) send(socket, { op: 7, d: null });
    },
    invalidateSessions(resumable) {
      if (!resumable) sessions.clear();
      for (const socket of sockets) send(socket, { op: 9, d: resumable });
    },
    muteHeartbeatAcks(muted) {
      acksMuted = muted;
    },
    close() {
      server.off("upgrade", onUpgrade);
      for (const socket of sockets) socket.terminate();
      return new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
