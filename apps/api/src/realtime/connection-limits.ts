import { realtimeCloseCodes } from "@crm/contracts/realtime/close-codes";
import type { Actor } from "@crm/domain";
import type { WebSocket } from "ws";

export interface ConnectionLimits {
  /** How long a connection may stay open without an authenticated actor. */
  authTimeoutMs: number;
  /** Open connections per user or API key. */
  perActor: number;
  /** Connections not (yet) authenticated per client address. */
  unauthenticatedPerIp: number;
}

/** What the guard is told about one connection once its context is known. */
export interface GuardedConnection {
  authenticated(actor: Actor | null): void;
}

const actorKey = (actor: Actor) =>
  actor.kind === "user" ? `user:${actor.userId}` : `apikey:${actor.apiKeyId}`;

function add(counts: Map<string, number>, key: string, delta: number): void {
  const next = (counts.get(key) ?? 0) + delta;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}

/**
 * Caps what sockets one caller can hold open on this replica: a socket costs memory and a share of every
 * fan-out, and the keep-alive ping keeps an idle one alive forever. A connection counts against its client
 * address until it authenticates, then against its user or API key; one that does not authenticate in time is
 * closed. A refused connection is closed with a code of `realtimeCloseCodes`, which clients wait on.
 */
export function createConnectionGuard(limits: ConnectionLimits) {
  const unauthenticatedByIp = new Map<string, number>();
  const openByActor = new Map<string, number>();

  return {
    opened(client: WebSocket, ip: string | undefined): GuardedConnection {
      const address = ip ?? "unknown";
      if ((unauthenticatedByIp.get(address) ?? 0) >= limits.unauthenticatedPerIp) {
        client.close(
          realtimeCloseCodes.tooManyConnections,
          "Too many unauthenticated realtime connections from this address",
        );
        return { authenticated: () => {} };
      }
      let state: "pending" | "authenticated" | "closed" = "pending";
      let heldBy: string | undefined;
      add(unauthenticatedByIp, address, 1);
      const release = () => {
        if (state === "pending") add(unauthenticatedByIp, address, -1);
        if (heldBy) add(openByActor, heldBy, -1);
        heldBy = undefined;
        state = "closed";
      };
      const timer = setTimeout(() => {
        if (state !== "pending") return;
        release();
        client.close(realtimeCloseCodes.authenticationTimeout, "Not authenticated in time");
      }, limits.authTimeoutMs);
      timer.unref();
      client.once("close", () => {
        clearTimeout(timer);
        release();
      });
      return {
        // a context without an actor leaves the connection pending: its subscription is answered with the 401
        // that tells the client why, and the timer closes it after
        authenticated(actor) {
          if (state !== "pending" || !actor) return;
          clearTimeout(timer);
          const key = actorKey(actor);
          if ((openByActor.get(key) ?? 0) >= limits.perActor) {
            release();
            const who = actor.kind === "user" ? "user" : "API key";
            client.close(
              realtimeCloseCodes.tooManyConnections,
              `Too many realtime connections for this ${who} (at most ${limits.perActor})`,
            );
            return;
          }
          add(unauthenticatedByIp, address, -1);
          add(openByActor, key, 1);
          heldBy = key;
          state = "authenticated";
        },
      };
    },
  };
}
