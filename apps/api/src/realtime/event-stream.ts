import type { RealtimeEvent } from "@crm/contracts/realtime/events";
import type { Actor } from "@crm/domain/auth/model";
import { conversationScope } from "@crm/domain/conversations/visibility";
import { mayReceive, needsAssignee } from "@crm/domain/realtime/audience";
import { compareEntryIds } from "@crm/domain/realtime/entry-id";
import type { Logger } from "@crm/domain/shared/logger";
import { type TrackedEnvelope, tracked } from "@trpc/server";
import type { Deliverable, RealtimeHub, ServerEvent } from "./hub";
import { PendingQueue } from "./pending-queue";
import { shareFrames } from "./shared-frames";

export interface EventStreamOptions {
  hub: RealtimeHub;
  actor: Actor;
  lastEventId: string | null | undefined;
  signal: AbortSignal | undefined;
  logger: Logger;
  /** Re-reads who the actor is now (role changed, session revoked: null); called at most every `revalidateMs`. */
  revalidate?: (actor: Actor) => Promise<Actor | null>;
  revalidateMs?: number;
  /** Entries a slow connection may have pending before it is told to resync instead. */
  pendingLimit?: number;
}

type Output = TrackedEnvelope<RealtimeEvent>;

/** A live entry waiting to be sent, with its unread count already asked for when it has one. */
interface Live {
  entry: Deliverable;
  unread: Promise<number> | undefined;
}

type Visible = ServerEvent | undefined | Promise<ServerEvent | undefined>;

type ConversationUpdated = Extract<ServerEvent, { type: "conversation_updated" }>;

/** Per entry, its `conversation_updated` with each unread count sent so far: one object (and frame) per count. */
const withUnreadOf = new WeakMap<Deliverable, Map<number, ConversationUpdated>>();

function withUnread(entry: Deliverable, event: ConversationUpdated, unread: number): ConversationUpdated {
  let byCount = withUnreadOf.get(entry);
  if (!byCount) {
    byCount = new Map();
    withUnreadOf.set(entry, byCount);
  }
  let shared = byCount.get(unread);
  if (!shared) {
    shared = shareFrames({ ...event, payload: { ...event.payload, unread } });
    byCount.set(unread, shared);
  }
  return shared;
}

/** Per entry, the unread count asked for each user: the user's other connections share it. */
const unreadAskedOf = new WeakMap<Deliverable, Map<string, Promise<number>>>();

const resync = (reason: "expired" | "overflow"): RealtimeEvent => ({
  type: "resync_required",
  occurredAt: new Date().toISOString(),
  payload: { reason },
});

/**
 * One connection's events: what it missed since `lastEventId` (or `resync_required`), then live events, each
 * checked against what the user may see at the moment it is delivered. Listening starts before the replay is
 * read, and anything at or before the last id sent is dropped, so nothing is missed and nothing is doubled.
 */
export async function* realtimeEventStream(options: EventStreamOptions): AsyncGenerator<Output, void> {
  const { hub, signal, logger } = options;
  let actor = options.actor;
  const organizationId = actor.organizationId;
  const pending = new PendingQueue<Live>(options.pendingLimit ?? 10_000);
  const stopListening = hub.listen(organizationId, (entry) =>
    pending.push({ entry, unread: unreadOf(entry) }),
  );
  const revalidateMs = options.revalidateMs ?? 60_000;
  let revalidatedAt = Date.now();
  let lastId: string | null = null;

  /** Synchronous unless the actor is due to be re-read: most events need no await for it. */
  function stillAllowed(): boolean | Promise<boolean> {
    if (!options.revalidate || Date.now() - revalidatedAt < revalidateMs) return true;
    revalidatedAt = Date.now();
    return options.revalidate(actor).then((current) => {
      if (!current) return false;
      actor = current;
      return true;
    });
  }

  /**
   * The user's unread count for a `conversation_updated`, asked for when the entry arrives rather than when
   * it is sent: every connection of the replica asks in the same turn (one query per event), and the queries
   * of successive events run side by side instead of one after the other in each connection's queue.
   */
  function unreadOf(entry: Deliverable): Promise<number> | undefined {
    const { event } = entry;
    if (event.type !== "conversation_updated" || actor.kind !== "user" || event.payload.deleted)
      return undefined;
    const { userId } = actor;
    let byUser = unreadAskedOf.get(entry);
    if (!byUser) {
      byUser = new Map();
      unreadAskedOf.set(entry, byUser);
    }
    const asked = byUser.get(userId);
    if (asked) return asked;
    const unread = hub.unread.get(organizationId, event.payload.conversationId, userId, entry.id);
    byUser.set(userId, unread);
    // awaited (and its failure handled) when the entry is sent; a failure is not shared with later askers
    unread.catch(() => {
      if (byUser.get(userId) === unread) byUser.delete(userId);
    });
    return unread;
  }

  /** The event as this user may see it, or undefined; synchronous unless a lookup or a count is needed. */
  function visible(entry: Deliverable, unreadAsked?: Promise<number>): Visible {
    if (entry.organizationId !== organizationId) return undefined;
    const { audience } = entry;
    // owners, admins and viewers see every conversation: only agents need the assignee
    if (needsAssignee(audience) && conversationScope(actor).kind !== "all")
      return hub.assignees
        .get(organizationId, audience.conversationId)
        .then((assignee) => visibleTo(entry, assignee, unreadAsked));
    return visibleTo(entry, undefined, unreadAsked);
  }

  function visibleTo(
    entry: Deliverable,
    assignee: string | null | undefined,
    unreadAsked: Promise<number> | undefined,
  ): Visible {
    const { audience, event } = entry;
    if (!mayReceive(actor, audience, assignee)) return undefined;
    if (event.type === "conversation_updated" && actor.kind === "user" && !event.payload.deleted) {
      const { userId } = actor;
      const unread =
        unreadAsked ?? hub.unread.get(organizationId, event.payload.conversationId, userId, entry.id);
      return unread.then(
        (count) => withUnread(entry, event, count),
        (err: unknown) => {
          logger.warn({ err }, "could not count unread messages for a realtime event");
          return event;
        },
      );
    }
    return event;
  }

  try {
    if (options.lastEventId) {
      const replay = await hub.since(organizationId, options.lastEventId);
      if (replay.kind === "expired") {
        // an empty log has no id to resume from: "0-0" is never in a log, so resuming from it resyncs again
        lastId = replay.latestId ?? "0-0";
        yield tracked(lastId, resync("expired"));
      } else {
        lastId = options.lastEventId;
        for (const entry of replay.entries) {
          lastId = entry.id;
          const event = await visible(entry);
          if (event) yield tracked(entry.id, event);
        }
      }
    }
    for (;;) {
      const live = await pending.take(signal);
      if (!live) return;
      const { entry } = live;
      if (pending.takeOverflow()) {
        lastId = entry.id;
        yield tracked(entry.id, resync("overflow"));
        continue;
      }
      if (lastId !== null) {
        if (compareEntryIds(entry.id, lastId) <= 0) continue;
        // the feed delivers in order: after one live entry past the last one sent, none can repeat it
        lastId = null;
      }
      const allowed = stillAllowed();
      if (!(allowed === true || (await allowed))) return;
      const visibleNow = visible(entry, live.unread);
      const event = visibleNow instanceof Promise ? await visibleNow : visibleNow;
      if (event) yield tracked(entry.id, event);
    }
  } finally {
    stopListening();
  }
}
