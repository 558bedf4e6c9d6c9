import type { Logger } from "@crm/domain";
import WebSocket from "ws";
import { asBoolean, asNumber, asRecord, asString } from "../shared/json";

export const discordIntents = {
  guildMessages: 1 << 9,
  directMessages: 1 << 12,
  messageContent: 1 << 15,
} as const;

/** What the inbox needs: messages in servers and in DMs, with their text. */
export const inboxIntents =
  discordIntents.guildMessages | discordIntents.directMessages | discordIntents.messageContent;

const op = {
  dispatch: 0,
  heartbeat: 1,
  identify: 2,
  resume: 6,
  reconnect: 7,
  invalidSession: 9,
  hello: 10,
  heartbeatAck: 11,
} as const;

/** Close codes after which reconnecting cannot help: bad token, bad intents, bad version or sharding. */
const fatalCloseCodes = new Set([4004, 4010, 4011, 4012, 4013, 4014]);
/** Close codes after which the session cannot be resumed. */
const sessionEndingCloseCodes = new Set([4007, 4009]);
/** Our own close code when we mean to resume (1000 and 1001 would end the session on Discord's side). */
const resumeCloseCode = 4900;

export interface GatewayDispatch {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

export type GatewayState = "connecting" | "ready" | "resumed" | "reconnecting" | "failed" | "stopped";

export interface DiscordGatewayOptions {
  /** wss://gateway.discord.gg or the URL /gateway/bot names; the version and encoding are added. */
  url: string;
  token: string;
  intents?: number;
  logger?: Logger;
  /** Every dispatch in order (READY, MESSAGE_CREATE, ...), including those replayed by a resume. */
  onDispatch(dispatch: GatewayDispatch): void;
  onStateChange?(state: GatewayState, detail: { code?: number; reason?: string }): void;
  /** Backoff between reconnection attempts: doubles from `initialDelayMs` up to `maxDelayMs`, with jitter. */
  reconnect?: { initialDelayMs?: number; maxDelayMs?: number };
}

export interface DiscordGatewayClient {
  readonly state: GatewayState;
  /** Ends the session and stops reconnecting. */
  close(): Promise<void>;
}

function gatewayUrl(base: string): string {
  const url = new URL(base);
  url.searchParams.set("v", "10");
  url.searchParams.set("encoding", "json");
  return url.href;
}

/**
 * One bot's Gateway session: identify, heartbeat (a missed ack means a zombie connection: reconnect), resume
 * after a drop with the last sequence number, re-identify when the session is gone, back off between attempts.
 */
export function connectDiscordGateway(options: DiscordGatewayOptions): DiscordGatewayClient {
  const initialDelayMs = options.reconnect?.initialDelayMs ?? 1000;
  const maxDelayMs = options.reconnect?.maxDelayMs ?? 60_000;
  const log = options.logger;

  let state: GatewayState = "connecting";
  let socket: WebSocket | undefined;
  let sessionId: string | undefined;
  let resumeUrl: string | undefined;
  let sequence: number | null = null;
  let heartbeatTimer: NodeJS.Timeout | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let acked = true;
  let failures = 0;
  let stopped = false;
  let closed: (() => void) | undefined;

  const setState = (next: GatewayState, detail: { code?: number; reason?: string } = {}) => {
    state = next;
    options.onStateChange?.(next, detail);
  };

  const send = (payload: object) => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(payload));
  };

  const stopHeartbeat = () => {
    clearTimeout(heartbeatTimer);
    clearInterval(heartbeatTimer);
    heartbeatTimer = undefined;
  };

  const heartbeat = (current: WebSocket) => {
    if (!acked) {
      log?.warn({}, "Discord gateway missed a heartbeat ack; reconnecting");
      current.terminate();
      return;
    }
    acked = false;
    send({ op: op.heartbeat, d: sequence });
  };

  const startHeartbeat = (current: WebSocket, intervalMs: number) => {
    stopHeartbeat();
    acked = true;
    // the first beat at a random point of the interval, as Discord asks, so reconnecting bots do not beat together
    heartbeatTimer = setTimeout(() => {
      heartbeat(current);
      heartbeatTimer = setInterval(() => heartbeat(current), intervalMs);
    }, intervalMs * Math.random());
  };

  const identify = () =>
    send({
      op: op.identify,
      d: {
        token: options.token,
        intents: options.intents ?? inboxIntents,
        properties: { os: process.platform, browser: "crm-manager", device: "crm-manager" },
      },
    });

  const onDispatch = (payload: Record<string, unknown>) => {
    const s = asNumber(payload.s);
    const t = asString(payload.t);
    if (s !== undefined) sequence = s;
    if (t === undefined) return;
    if (t === "READY") {
      const data = asRecord(payload.d);
      sessionId = asString(data?.session_id);
      resumeUrl = asString(data?.resume_gateway_url);
      failures = 0;
      setState("ready");
    } else if (t === "RESUMED") {
      failures = 0;
      setState("resumed");
    }
    try {
      options.onDispatch({ op: 0, t, s: s ?? 0, d: payload.d });
    } catch (err) {
      log?.error({ err, event: t }, "Discord gateway dispatch handler failed");
    }
  };

  const onMessage = (current: WebSocket, raw: WebSocket.RawData) => {
    let payload: Record<string, unknown> | undefined;
    try {
      payload = asRecord(JSON.parse(raw.toString()));
    } catch {
      payload = undefined;
    }
    if (!payload) return;
    switch (payload.op) {
      case op.hello: {
        startHeartbeat(current, asNumber(asRecord(payload.d)?.heartbeat_interval) ?? 41_250);
        if (sessionId !== undefined && sequence !== null) {
          send({ op: op.resume, d: { token: options.token, session_id: sessionId, seq: sequence } });
        } else identify();
        return;
      }
      case op.heartbeatAck:
        acked = true;
        return;
      case op.heartbeat:
        send({ op: op.heartbeat, d: sequence });
        return;
      case op.reconnect:
        current.close(resumeCloseCode, "reconnect requested");
        return;
      case op.invalidSession:
        if (!asBoolean(payload.d)) {
          sessionId = undefined;
          sequence = null;
        }
        current.close(resumeCloseCode, "invalid session");
        return;
      case op.dispatch:
        onDispatch(payload);
        return;
      default:
        return;
    }
  };

  const scheduleReconnect = () => {
    failures += 1;
    const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** (failures - 1));
    const delayMs = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    setState("reconnecting");
    reconnectTimer = setTimeout(open, delayMs);
  };

  const onClose = (code: number, reason: string) => {
    stopHeartbeat();
    socket = undefined;
    if (stopped) {
      setState("stopped", { code, reason });
      closed?.();
      return;
    }
    if (fatalCloseCodes.has(code)) {
      log?.error({ code, reason }, "Discord gateway refused the bot; not reconnecting");
      setState("failed", { code, reason });
      return;
    }
    if (sessionEndingCloseCodes.has(code)) {
      sessionId = undefined;
      sequence = null;
    }
    log?.info({ code, reason, resume: sessionId !== undefined }, "Discord gateway closed; reconnecting");
    scheduleReconnect();
  };

  function open(): void {
    reconnectTimer = undefined;
    if (stopped) return;
    if (state !== "reconnecting") setState("connecting");
    const url = gatewayUrl(sessionId !== undefined && resumeUrl ? resumeUrl : options.url);
    const current = new WebSocket(url, { handshakeTimeout: 15_000 });
    socket = current;
    current.on("message", (raw) => onMessage(current, raw));
    current.on("close", (code, reason) => onClose(code, reason.toString()));
    current.on("error", (err) => log?.warn({ err: err.message }, "Discord gateway connection error"));
  }

  open();

  return {
    get state() {
      return state;
    },
    close() {
      stopped = true;
      clearTimeout(reconnectTimer);
      stopHeartbeat();
      const current = socket;
      if (!current || current.readyState === WebSocket.CLOSED) {
        setState("stopped");
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        closed = resolve;
        const force = setTimeout(() => current.terminate(), 2000);
        force.unref();
        current.close(1000, "stopping");
      });
    },
  };
}
