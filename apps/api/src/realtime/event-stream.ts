import type { RealtimeEvent } from "@crm/contracts/realtime/events";
import type { Actor } from "@crm/domain/auth/model";
import { conversationScope } from "@crm/domain/conversations/visibility";
import { mayReceive, needsAssignee } from "@crm/domain/realtime/audience";
import { compareEntryIds } from "@crm/domain/realtime/entry-id";
import type { Logger } from "@crm/domain/shared/logger";
import { type TrackedEnvelope, tracked } from "@trpc/server";
import type { Deliverable, RealtimeHub, ServerEvent } from "./hub";
import { PendingQueue } from "./pending-queue";

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

  async function stillAllowed(): Promise<boolean> {
    if (!options.revalidate || Date.now() - revalidatedAt < revalidateMs) return true;
    revalidatedAt = Date.now();
    const current = await options.revalidate(actor);
    if (!current) return false;
    actor = current;
    return true;
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
    const unread = hub.unread.get(organizationId, event.payload.conversationId, actor.userId, entry.id);
    // awaited (and its failure handled) when the entry is sent; not at all if the connection ends first
    unread.catch(() => {});
    return unread;
  }

  async function visible(
    entry: Deliverable,
    unreadAsked?: Promise<number>,
  ): Promise<ServerEvent | undefined> {
    if (entry.organizationId !== organizationId) return undefined;
    const { audience, event } = entry;
    // owners, admins and viewers see every conversation: only agents need the assignee
    const assignee =
      needsAssignee(audience) && conversationScope(actor).kind !== "all"
        ? await hub.assignees.get(organizationId, audience.conversationId)
        : undefined;
    if (!mayReceive(actor, audience, assignee)) return undefined;
    if (event.type === "conversation_updated" && actor.kind === "user" && !event.payload.deleted) {
      try {
        const { conversationId } = event.payload;
        const unread = await (unreadAsked ??
          hub.unread.get(organizationId, conversationId, actor.userId, entry.id));
        return { ...event, payload: { ...event.payload, unread } };
      } catch (err) {
        logger.warn({ err }, "could not count unread messages for a realtime event");
      }
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
      if (lastId !== null && compareEntryIds(entry.id, lastId) <= 0) continue;
      lastId = entry.id;
      if (!(await stillAllowed())) return;
      const event = await visible(entry, live.unread);
      if (event) yield tracked(entry.id, event);
    }
  } finally {
    stopListening();
  }
}
