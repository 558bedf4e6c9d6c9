import type { RealtimeEvent } from "@crm/contracts/realtime/events";
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import WebSocket from "ws";
import type { AppRouter } from "../../trpc/root";

export interface ReceivedEvent {
  id: string;
  event: RealtimeEvent;
}

export interface RealtimeTestClient {
  received: ReceivedEvent[];
  /** `sessionEnded`: why a subscription refused for want of a live session says it is over. */
  errors: Array<{ code: string | undefined; message: string; sessionEnded?: string | undefined }>;
  /** The server ended the subscription (the actor may no longer listen). */
  ended(): boolean;
  /** Resolves once `predicate` holds for what was received, or rejects after `timeoutMs`. */
  waitFor(predicate: (received: ReceivedEvent[]) => boolean, timeoutMs?: number): Promise<void>;
  lastId(): string | undefined;
  close(): Promise<void>;
}

/**
 * A typed client as the web app builds one: wsLink over `/trpc-ws`, the token as `connectionParams`,
 * subscribed to `realtime.events` from `lastEventId`. A function as `baseUrl` is asked on every (re)connect,
 * as a load balancer would pick a replica.
 */
export async function connectRealtime(
  baseUrl: string | (() => string),
  options: { token?: string; lastEventId?: string; headers?: Record<string, string> } = {},
): Promise<RealtimeTestClient> {
  const urlOf = (base: string) => `${base.replace(/^http/, "ws")}/trpc-ws`;
  const url = typeof baseUrl === "string" ? urlOf(baseUrl) : () => urlOf(baseUrl());
  // the ws package, with headers (a cookie) when a test wants them; Node 20 has no global WebSocket
  const Impl = class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: options.headers ?? {} });
    }
  };
  const wsClient = createWSClient({
    url,
    WebSocket: Impl as unknown as typeof globalThis.WebSocket,
    connectionParams: options.token ? { token: options.token } : null,
    retryDelayMs: () => 100,
  });
  const trpc = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient })] });
  const received: ReceivedEvent[] = [];
  const errors: RealtimeTestClient["errors"] = [];
  let ended = false;
  let started: () => void = () => {};
  const startedPromise = new Promise<void>((resolve) => {
    started = resolve;
  });
  const subscription = trpc.realtime.events.subscribe(
    options.lastEventId ? { lastEventId: options.lastEventId } : undefined,
    {
      onStarted: () => started(),
      onData: (tracked) => received.push({ id: tracked.id, event: tracked.data }),
      onComplete: () => {
        ended = true;
      },
      onError: (error) => {
        const { sessionEnded } = error.data ?? {};
        errors.push({
          code: error.data?.code,
          message: error.message,
          ...(sessionEnded ? { sessionEnded } : {}),
        });
        started();
      },
    },
  );
  await startedPromise;

  return {
    received,
    errors,
    ended: () => ended,
    lastId: () => received.at(-1)?.id,
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline) {
          throw new Error(`timed out; received ${JSON.stringify(received.map((r) => r.event.type))}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async close() {
      subscription.unsubscribe();
      await wsClient.close();
    },
  };
}
