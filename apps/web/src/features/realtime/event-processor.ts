import type { RealtimeEvent } from "@crm/contracts/realtime/events";
import {
  applyConversationEvents,
  conversationOf,
  handleRealtimeEvent,
  type Outcome,
  type RealtimeDeps,
  rereadConversations,
} from "./handle-event";

type ConversationEvents = Parameters<typeof applyConversationEvents>[2];

export interface RealtimeProcessor {
  /** An event from the subscription, in the order the server sent it. */
  push(event: RealtimeEvent): void;
  /** The socket is back after a real disconnect: the open threads and the lists are read again, once. */
  reconnected(): void;
  /** Resolves when nothing is queued or being applied (tests). */
  idle(): Promise<void>;
  /** Cancels a waiting retry (unmounted). Events pushed afterwards are still applied (StrictMode remounts). */
  dispose(): void;
}

export interface ProcessorOptions {
  /** How long the first event of a quiet conversation waits for the ones right behind it (a message and its
   * conversation come as two frames): they are then applied together. */
  gatherMs?: number;
  /** The wait before reading again what could not be applied, by attempt (0 first). */
  retryDelayMs?: (attempt: number) => number;
}

const defaultRetryDelayMs = (attempt: number) => Math.min(15_000, 1_000 * 2 ** attempt);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Applies live events: each conversation's in their order, different conversations side by side, and the events
 * of one conversation that arrive while it is busy together (one read for a burst). What could not be applied
 * because the server did not answer is read again when it does: after the next event that applies, on a timer,
 * or after a reconnect, so no message is silently missing until a reload.
 */
export function createRealtimeProcessor(
  deps: RealtimeDeps,
  options: ProcessorOptions = {},
): RealtimeProcessor {
  const gatherMs = options.gatherMs ?? 30;
  const retryDelayMs = options.retryDelayMs ?? defaultRetryDelayMs;
  const lanes = new Map<string, { pending: RealtimeEvent[]; running: Promise<void> }>();
  /** Conversations (or "all") whose events were not applied: their threads and the lists are stale. */
  let stale: Set<string> | "all" = new Set();
  let rereading: Promise<void> | undefined;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const hasStale = () => stale === "all" || stale.size > 0;

  const markStale = (conversationId: string | "all") => {
    if (conversationId === "all") stale = "all";
    else if (stale !== "all") stale.add(conversationId);
    scheduleReread();
  };

  const scheduleReread = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void reread();
    }, retryDelayMs(attempt));
  };

  const reread = (): Promise<void> => {
    if (rereading || !hasStale()) return rereading ?? Promise.resolve();
    const taken = stale;
    stale = new Set();
    if (timer) clearTimeout(timer);
    timer = undefined;
    rereading = rereadConversations(deps, taken).then(
      () => {
        attempt = 0;
      },
      () => {
        // still unreachable: what was taken stays stale, and is tried again later
        if (taken === "all" || stale === "all") stale = "all";
        else for (const id of taken) stale.add(id);
        attempt += 1;
        scheduleReread();
      },
    );
    return rereading.finally(() => {
      rereading = undefined;
    });
  };

  const settle = (outcome: Outcome, conversationId: string | undefined) => {
    if (outcome === "unreachable") markStale(conversationId ?? "all");
    // The server answered: whatever it could not answer before is read now, not at the next timer.
    else if (hasStale()) void reread();
  };

  const drain = async (key: string) => {
    const lane = lanes.get(key);
    if (!lane) return;
    while (lane.pending.length > 0) {
      if (gatherMs > 0) await sleep(gatherMs);
      const batch = lane.pending.splice(0);
      const conversationId = conversationOf(batch[0] as RealtimeEvent);
      try {
        if (conversationId) {
          settle(
            await applyConversationEvents(deps, conversationId, batch as ConversationEvents),
            conversationId,
          );
        } else {
          for (const event of batch) settle(await handleRealtimeEvent(deps, event), undefined);
        }
      } catch {
        markStale(conversationId ?? "all");
      }
    }
    lanes.delete(key);
  };

  return {
    push(event) {
      const key = conversationOf(event) ?? "";
      const lane = lanes.get(key);
      if (lane) {
        lane.pending.push(event);
        return;
      }
      const fresh = { pending: [event], running: Promise.resolve() };
      lanes.set(key, fresh);
      fresh.running = drain(key);
    },
    reconnected() {
      markStale("all");
      void reread();
    },
    async idle() {
      while (lanes.size > 0 || rereading) {
        await Promise.all([...[...lanes.values()].map((lane) => lane.running), rereading]);
      }
    },
    dispose() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
