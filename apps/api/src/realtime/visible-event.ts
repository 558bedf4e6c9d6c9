import type { Actor } from "@crm/domain/auth/model";
import { conversationScope } from "@crm/domain/conversations/visibility";
import {
  type Audience,
  losesAccess,
  mayReceive,
  needsAssignee,
  withoutCarriedAssignee,
} from "@crm/domain/realtime/audience";
import { accessLost } from "./access-lost";
import type { EventStreamOptions } from "./event-stream-options";
import type { Deliverable, RealtimeHub, ServerEvent } from "./hub";
import { carriesUnread, type UnreadAsked, unreadAsked, unreadAskedOf, withUnread } from "./unread-per-entry";

type Streamed = Pick<EventStreamOptions, "hub" | "logger">;

export type Visible = ServerEvent | undefined | Promise<ServerEvent | undefined>;

/**
 * The user's unread count for an event that carries it, asked for when the entry arrives rather than when
 * it is sent: every connection of the replica asks in the same turn (one query per event), and the queries
 * of successive events run side by side instead of one after the other in each connection's queue.
 */
export function askUnread(
  hub: RealtimeHub,
  organizationId: string,
  actor: Actor,
  entry: Deliverable,
): UnreadAsked | undefined {
  const { event } = entry;
  if (!carriesUnread(event) || actor.kind !== "user") return undefined;
  const { userId } = actor;
  let byUser = unreadAskedOf.get(entry);
  if (!byUser) {
    byUser = new Map();
    unreadAskedOf.set(entry, byUser);
  }
  const asked = byUser.get(userId);
  if (asked) return asked;
  const unread = unreadAsked(hub.unread.get(organizationId, event.payload.conversationId, userId, entry.id));
  byUser.set(userId, unread);
  // awaited (and its failure handled) when the entry is sent; a failure is not shared with later askers
  unread.promise.catch(() => {
    if (byUser.get(userId) === unread) byUser.delete(userId);
  });
  return unread;
}

/** The event as this user may see it, or undefined; synchronous unless a lookup or a count is needed. */
export function visibleEvent(
  options: Streamed,
  organizationId: string,
  actor: Actor,
  entry: Deliverable,
  unreadAsked?: UnreadAsked,
  replayed = false,
): Visible {
  if (entry.organizationId !== organizationId) return undefined;
  // a replayed event may be minutes old: its conversation's assignee now decides, not the one it carries
  const audience = replayed ? withoutCarriedAssignee(entry.audience) : entry.audience;
  // owners, admins and viewers see every conversation: only agents need the assignee
  if (needsAssignee(audience) && conversationScope(actor).kind !== "all")
    return options.hub.assignees
      .get(organizationId, audience.conversationId)
      .then((assignee) => visibleTo(options, organizationId, actor, entry, audience, assignee, unreadAsked));
  return visibleTo(options, organizationId, actor, entry, audience, undefined, unreadAsked);
}

function visibleTo(
  options: Streamed,
  organizationId: string,
  actor: Actor,
  entry: Deliverable,
  audience: Audience,
  assignee: string | null | undefined,
  unreadAsked: UnreadAsked | undefined,
): Visible {
  const { event } = entry;
  if (!mayReceive(actor, audience, assignee)) {
    return audience.kind === "conversation" && losesAccess(actor, audience, assignee)
      ? accessLost(entry, audience.conversationId)
      : undefined;
  }
  if (carriesUnread(event) && actor.kind === "user") {
    const { userId } = actor;
    if (unreadAsked?.value !== undefined) return withUnread(entry, event, unreadAsked.value);
    const unread =
      unreadAsked?.promise ??
      options.hub.unread.get(organizationId, event.payload.conversationId, userId, entry.id);
    return unread.then(
      (count) => withUnread(entry, event, count),
      (err: unknown) => {
        options.logger.warn({ err }, "could not count unread messages for a realtime event");
        return event;
      },
    );
  }
  return event;
}
