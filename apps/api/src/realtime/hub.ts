import { type RealtimeEvent, realtimeEvent } from "@crm/contracts/realtime/events";
import { type Audience, audienceOf } from "@crm/domain/realtime/audience";
import type { ConversationReadRepository, RealtimeEntry, RealtimeFeed } from "@crm/domain/realtime/ports";
import type { Logger } from "@crm/domain/shared/logger";
import { type AssigneeCache, createAssigneeCache } from "./assignee-cache";
import { shareFrames } from "./shared-frames";
import { createUnreadBatcher, type UnreadBatcher } from "./unread-batcher";

/**
 * An event published by a context; `resync_required` comes from a connection's own stream. A published
 * `session_ended` is not sent as it is: it names sessions, whose streams re-read theirs and end (see event-stream).
 */
export type ServerEvent = Exclude<RealtimeEvent, { type: "resync_required" }>;

/** An entry parsed once per replica, ready to be checked against each connection's user. */
export interface Deliverable {
  id: string;
  organizationId: string;
  event: ServerEvent;
  audience: Audience;
}

export type DeliverableReplay =
  | { kind: "replay"; entries: Deliverable[] }
  | { kind: "expired"; latestId: string | null };

export interface RealtimeHub {
  /**
   * Live entries of one organization, in order. `missed` is called when entries may have been missed (the feed
   * was interrupted), before any entry heard since. Returns the function that stops listening.
   */
  listen(organizationId: string, listener: (entry: Deliverable) => void, missed?: () => void): () => void;
  since(organizationId: string, afterId: string): Promise<DeliverableReplay>;
  readonly assignees: AssigneeCache;
  readonly unread: UnreadBatcher;
  listenerCount(): number;
  close(): void;
}

/**
 * The replica's single subscriber to the realtime feed: it parses each entry against the contract once and
 * hands it to the connections of that organization. What each user may see is decided per connection.
 */
export function createRealtimeHub(deps: {
  feed: RealtimeFeed;
  reads: ConversationReadRepository;
  logger: Logger;
}): RealtimeHub {
  const { feed, logger } = deps;
  const assignees = createAssigneeCache(deps.reads);
  const unread = createUnreadBatcher(deps.reads);
  const listeners = new Map<string, Set<(entry: Deliverable) => void>>();
  const missedListeners = new Set<() => void>();
  let count = 0;

  function toDeliverable(entry: RealtimeEntry): Deliverable | undefined {
    const { type, organizationId, occurredAt, payload } = entry.event;
    const audience = audienceOf(entry.event);
    if (!audience) return undefined;
    const parsed = realtimeEvent.safeParse({ type, occurredAt, payload });
    if (!parsed.success || parsed.data.type === "resync_required") {
      logger.warn(
        { eventType: type, issues: parsed.error?.issues },
        "realtime event does not match its contract",
      );
      return undefined;
    }
    // every connection of the organization sends the same event: its frame is serialized once
    return { id: entry.id, organizationId, event: shareFrames(parsed.data), audience };
  }

  const unsubscribe = feed.subscribe(
    (entry) => {
      const organizationListeners = listeners.get(entry.event.organizationId);
      const deliverable = toDeliverable(entry);
      if (!deliverable) return;
      const { event, organizationId } = deliverable;
      if (
        event.type === "conversation_assigned" ||
        event.type === "conversation_updated" ||
        (event.type === "new_message" && event.payload.assignedTo !== undefined)
      ) {
        assignees.remember(organizationId, event.payload.conversationId, event.payload.assignedTo ?? null);
      }
      if (!organizationListeners) return;
      for (const listener of [...organizationListeners]) listener(deliverable);
    },
    {
      interrupted() {},
      // what was appended meanwhile is not replayed here: each connection tells its client to refetch
      resumed() {
        for (const missed of [...missedListeners]) missed();
      },
    },
  );

  return {
    listen(organizationId, listener, missed) {
      let set = listeners.get(organizationId);
      if (!set) {
        set = new Set();
        listeners.set(organizationId, set);
      }
      const entry = (value: Deliverable) => listener(value);
      const told = missed && (() => missed());
      set.add(entry);
      if (told) missedListeners.add(told);
      count += 1;
      return () => {
        if (told) missedListeners.delete(told);
        if (!set.delete(entry)) return;
        count -= 1;
        if (set.size === 0) listeners.delete(organizationId);
      };
    },

    async since(organizationId, afterId) {
      const replay = await feed.since(organizationId, afterId);
      if (replay.kind === "expired") return replay;
      const entries: Deliverable[] = [];
      for (const entry of replay.entries) {
        // a typing indicator is stale by the time it could be replayed
        if (entry.event.type === "user_typing") continue;
        const deliverable = toDeliverable(entry);
        if (deliverable) entries.push(deliverable);
      }
      return { kind: "replay", entries };
    },

    assignees,
    unread,
    listenerCount: () => count,
    close() {
      unsubscribe();
      listeners.clear();
      missedListeners.clear();
    },
  };
}
