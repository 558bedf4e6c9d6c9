import type { AppRouter } from "@crm/api/trpc/root";
import { isRefusedConnection } from "@crm/contracts/realtime/close-codes";
import type { SessionEndReason } from "@crm/contracts/realtime/events";
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { createTRPCClient, createWSClient, httpBatchLink, httpLink, splitLink, wsLink } from "@trpc/client";
import { createTRPCContext, createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { realtimeUrl } from "./env";
import { errorCodeOf, isUnauthenticated } from "./errors";
import { createReconnectGate, isReconnecting, onConnectivityChange, wakeOnReturn } from "./reconnect";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** Query/mutation meta flag for callers that deal with a missing session themselves (the route guard). */
export const handlesUnauthenticated = "handlesUnauthenticated";

interface ApiOptions {
  /** "" for same origin, or the API's absolute URL. */
  baseUrl: string;
  /**
   * Called when the session is found gone: by any request (expired, revoked, role changed), or by the realtime
   * subscription, which says why (`session_ended`).
   */
  onUnauthenticated: (reason?: SessionEndReason) => void;
}

/**
 * A mutation's `trpc.context` entry that sends it with this `Idempotency-Key`: the API runs it once per key, and
 * answers a retry of it (after a lost connection, say) with the first answer.
 */
export const idempotencyKeyContext = "idempotencyKey";

// The session is an httpOnly cookie; cross-origin deployments need it sent explicitly.
const withCredentials = (url: URL | RequestInfo, init?: RequestInit) =>
  fetch(url, { ...init, credentials: "include" });

export function createApi({ baseUrl, onUnauthenticated }: ApiOptions) {
  const handleError = (error: unknown, meta: Record<string, unknown> | undefined) => {
    if (isUnauthenticated(error) && !meta?.[handlesUnauthenticated]) onUnauthenticated();
  };
  const queryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => handleError(error, query.meta) }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => handleError(error, mutation.meta),
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // An answer from our API (4xx) will not change by asking again; network and 5xx failures might.
        retry: (failureCount, error) => errorCodeOf(error) === null && failureCount < 2,
      },
    },
  });
  // The session cookie authenticates the upgrade. Lazy: the socket opens with the first subscription (inside
  // the app, never on the login screen) and closes when the last one ends, so a new login gets a new socket.
  // A lost socket waits here before each attempt, not in wsLink's own sleep, which nothing can cut short: coming
  // back online or into view tries again at once.
  const reconnectGate = createReconnectGate();
  if (typeof window !== "undefined") wakeOnReturn(reconnectGate, { window, document });
  const wsClient = createWSClient({
    url: async () => {
      if (isReconnecting(wsClient.connectionState.get())) await reconnectGate.wait();
      return realtimeUrl(baseUrl, globalThis.location?.origin ?? "");
    },
    lazy: { enabled: true, closeMs: 0 },
    // a connection lost without a close (offline, a sleeping laptop, a dropped NAT entry) looks open forever:
    // a ping unanswered in time closes it, and the indicator and the reconnect attempts take over
    keepAlive: { enabled: true, intervalMs: 10_000, pongTimeoutMs: 5_000 },
    retryDelayMs: () => 0,
    onOpen: () => reconnectGate.opened(),
    // refused right after opening (too many tabs, say): onOpen has just reset the delay, so wait long instead
    onClose: (cause) => {
      if (isRefusedConnection(cause?.code)) reconnectGate.refused();
    },
  });
  /** Whether live updates are paused because the socket was lost and is not back yet, or the browser is offline. */
  const realtime = {
    reconnecting: () => isReconnecting(wsClient.connectionState.get()),
    subscribe: (listener: () => void) => {
      const subscription = wsClient.connectionState.subscribe({ next: listener });
      return () => subscription.unsubscribe();
    },
    offline: () => globalThis.navigator?.onLine === false,
    subscribeOffline: (listener: () => void) =>
      typeof window === "undefined" ? () => {} : onConnectivityChange(window, listener),
  };
  const trpcClient = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (operation) => operation.type === "subscription",
        true: wsLink({ client: wsClient }),
        false: splitLink({
          // a header is per HTTP request, so a mutation with its own key is not batched with others
          condition: (operation) => typeof operation.context[idempotencyKeyContext] === "string",
          true: httpLink({
            url: `${baseUrl}/trpc`,
            fetch: withCredentials,
            headers: ({ op }) => ({ "Idempotency-Key": String(op.context[idempotencyKeyContext]) }),
          }),
          false: httpBatchLink({
            url: `${baseUrl}/trpc`,
            // Screens that look up many records at once (contacts on deal cards) split into several GETs.
            maxURLLength: 6000,
            fetch: withCredentials,
          }),
        }),
      }),
    ],
  });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  return { queryClient, trpcClient, trpc, realtime, sessionEnded: onUnauthenticated };
}

export type Api = ReturnType<typeof createApi>;
export type Trpc = Api["trpc"];
