import type { RealtimeEvent } from "@crm/contracts/realtime/events";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc";

/** The least time between two readings of the counts asked for by live events. */
export const unreadRefreshMs = 1000;

/** Events after which the user's unread conversations may have changed. */
export function changesUnread(event: RealtimeEvent): boolean {
  switch (event.type) {
    case "new_message":
      return event.payload.direction === "inbound";
    case "conversation_read":
    case "conversation_updated":
    case "conversation_assigned":
    case "conversation_access_lost":
    case "resync_required":
      return true;
    default:
      return false;
  }
}

export interface UnreadRefresher {
  /** A live event: the counts are read again if it may change them. */
  push(event: RealtimeEvent): void;
  /** The counts may be stale (a reconnect): read them again. */
  stale(): void;
  dispose(): void;
}

/**
 * Reads the counts again after the events that change them, at most once per `intervalMs`: the first event
 * starts the wait, the ones arriving meanwhile ride along, so a burst costs one request.
 */
export function createUnreadRefresher(refresh: () => void, intervalMs = unreadRefreshMs): UnreadRefresher {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stale = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      refresh();
    }, intervalMs);
  };
  return {
    push: (event) => {
      if (changesUnread(event)) stale();
    },
    stale,
    dispose: () => {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** What a badge shows for a count: nothing at 0, "99+" above 99. */
export function badgeText(count: number): string | undefined {
  if (count <= 0) return undefined;
  return count > 99 ? "99+" : String(count);
}

/**
 * How many conversations the user may see are open or pending with messages they have not read (the
 * `unread` of `conversations.counts`, every status and channel); 0 until known.
 */
export function useUnreadConversations(): number {
  const trpc = useTRPC();
  const counts = useQuery({ ...trpc.conversations.counts.queryOptions({}), select: (data) => data.unread });
  return counts.data ?? 0;
}
