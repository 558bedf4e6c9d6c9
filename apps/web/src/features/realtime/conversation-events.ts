import type { RealtimeEvent } from "@crm/contracts/realtime/events";
import { errorCodeOf } from "../../lib/errors";
import type { Message } from "../inbox/types";
import {
  applyTyping,
  markMessageDeleted,
  patchMessageStatus,
  removeConversation,
  setUnread,
  type TypingEntry,
  upsertConversation,
  upsertMessage,
} from "./cache-updaters";
import {
  type AccessLost,
  accessLostKey,
  accessRegained,
  cachedUnread,
  hasThread,
  isThreadOf,
  isUnder,
  listedAsFailed,
  typingKey,
  updateLists,
  updateThreads,
} from "./conversation-queries";
import { invalidate, type Outcome, type RealtimeDeps } from "./realtime-deps";

/** Events about one conversation, applied together: `conversationId` of each is the same. */
export type ConversationEvent = Extract<
  RealtimeEvent,
  {
    type:
      | "new_message"
      | "message_updated"
      | "message_status"
      | "conversation_updated"
      | "conversation_assigned"
      | "conversation_access_lost"
      | "conversation_read"
      | "user_typing";
  }
>;

const conversationEventTypes = new Set<RealtimeEvent["type"]>([
  "new_message",
  "message_updated",
  "message_status",
  "conversation_updated",
  "conversation_assigned",
  "conversation_access_lost",
  "conversation_read",
  "user_typing",
]);

/** The conversation an event is about, if it is one of those applied per conversation (in their order). */
export function conversationOf(event: RealtimeEvent): string | undefined {
  return conversationEventTypes.has(event.type)
    ? (event as ConversationEvent).payload.conversationId
    : undefined;
}

/** An answer from our API that asking again will not change: the record is gone or no longer ours to see. */
const isGone = (error: unknown) => errorCodeOf(error) === "NOT_FOUND" || errorCodeOf(error) === "FORBIDDEN";

type Read<T> = { ok: true; value: T } | { ok: false; gone: boolean };
const read = <T>(promise: Promise<T>): Promise<Read<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, gone: isGone(error) }),
  );

/**
 * Nothing of the event could be read: what it would have updated is marked stale (a screen opened later reads
 * it), and the caller reads it again once the server answers (see `createRealtimeProcessor`).
 */
async function markUnapplied(deps: RealtimeDeps, conversationId: string): Promise<Outcome> {
  const threads = isThreadOf(deps, new Set([conversationId]));
  const listKey = deps.trpc.conversations.list.pathKey();
  await deps.queryClient.invalidateQueries({
    predicate: (query) => threads(query) || isUnder(query, listKey),
    refetchType: "none",
  });
  return "unreachable";
}

/**
 * Applies events about one conversation, in their order, reading what they do not carry once for all of them:
 * each message at most once and the conversation at most once, all in the same tick (one HTTP batch).
 */
export async function applyConversationEvents(
  deps: RealtimeDeps,
  conversationId: string,
  events: readonly ConversationEvent[],
): Promise<Outcome> {
  const { queryClient, trpc } = deps;
  const now = deps.now?.() ?? new Date();
  const threadOpen = hasThread(deps, conversationId);
  const messageIds = new Set<string>();
  let needsConversation = false;
  let carriedUnread: number | undefined;
  for (const event of events) {
    if (event.type === "new_message" || (event.type === "message_updated" && !event.payload.deleted)) {
      if (threadOpen) messageIds.add(event.payload.messageId);
    }
    if (event.type === "new_message" || event.type === "conversation_assigned") needsConversation = true;
    if (event.type === "conversation_updated" && !event.payload.deleted) {
      needsConversation = true;
      carriedUnread = event.payload.unread ?? carriedUnread;
    }
    // an inbound message into an open conversation comes alone, with the user's new count
    if (event.type === "new_message") carriedUnread = event.payload.unread ?? carriedUnread;
    if (event.type === "conversation_read") carriedUnread = 0;
  }
  const cached =
    needsConversation && carriedUnread === undefined ? cachedUnread(deps, conversationId) : undefined;
  // Everything is asked for in this tick: the batch link sends it as one request.
  const [conversation, messages, fetchedUnread] = await Promise.all([
    needsConversation ? read(deps.fetchConversation(conversationId)) : undefined,
    Promise.all([...messageIds].map((id) => read(deps.fetchMessage(id)))),
    cached === "ask" ? deps.fetchUnread(conversationId).catch(() => undefined) : undefined,
  ]);
  const fetched = new Map<string, Message>();
  let unreachable = conversation !== undefined && !conversation.ok && !conversation.gone;
  for (const message of messages) {
    if (message.ok) fetched.set(message.value.id, message.value);
    else if (!message.gone) unreachable = true;
  }

  let unread = cached !== undefined && cached !== "ask" ? cached.unread : fetchedUnread;
  let visible: boolean | undefined;
  /** Read last: a copy of the conversation placed in the lists below has no word of a failed last message. */
  let reReadLists = false;
  for (const event of events) {
    switch (event.type) {
      case "new_message": {
        const message = fetched.get(event.payload.messageId);
        if (message) updateThreads(deps, conversationId, (data) => upsertMessage(data, message));
        if (event.payload.unread !== undefined) {
          unread = event.payload.unread;
          accessRegained(deps, conversationId);
          visible = true;
        }
        break;
      }
      case "message_updated": {
        const { messageId, deleted } = event.payload;
        const message = fetched.get(messageId);
        if (deleted)
          updateThreads(deps, conversationId, (data) =>
            markMessageDeleted(data, messageId, event.occurredAt),
          );
        else if (message) updateThreads(deps, conversationId, (data) => upsertMessage(data, message));
        break;
      }
      case "message_status": {
        const { messageId, status, error } = event.payload;
        updateThreads(deps, conversationId, (data) =>
          patchMessageStatus(data, messageId, status, error, event.occurredAt),
        );
        // the list marks a conversation whose newest message failed: a failure, or a retry that went out, re-reads
        // it (both rare, and only the server knows which message is the newest)
        if (status === "failed" || listedAsFailed(deps, conversationId)) reReadLists = true;
        break;
      }
      case "conversation_updated":
        if (event.payload.deleted) {
          updateLists(deps, (data) => removeConversation(data, conversationId));
          queryClient.removeQueries({ queryKey: trpc.conversations.get.queryKey({ id: conversationId }) });
          visible = false;
          break;
        }
        if (event.payload.unread !== undefined) unread = event.payload.unread;
        accessRegained(deps, conversationId);
        visible = true;
        break;
      case "conversation_assigned":
        accessRegained(deps, conversationId);
        visible = true;
        break;
      case "conversation_access_lost": {
        // Reassigned to someone whose conversations this user may not see: asking for it again would be a 404.
        const lost: AccessLost = { assignedTo: event.payload.assignedTo };
        updateLists(deps, (data) => removeConversation(data, conversationId));
        queryClient.setQueryData(accessLostKey(conversationId), lost);
        visible = false;
        break;
      }
      case "conversation_read":
        // read in another tab (or this one): the user's own badge clears in every tab
        updateLists(deps, (data) => setUnread(data, conversationId, 0));
        unread = 0;
        break;
      case "user_typing":
        if (event.payload.userId === deps.userId) break;
        queryClient.setQueryData<TypingEntry[]>(typingKey(conversationId), (current) =>
          applyTyping(current, event.payload, now),
        );
        break;
    }
  }

  if (conversation?.ok && visible !== false) {
    const fresh = conversation.value;
    queryClient.setQueryData(trpc.conversations.get.queryKey({ id: conversationId }), fresh);
    updateLists(deps, (data, input) => upsertConversation(data, fresh, input, deps.userId, unread));
  } else if (conversation && !conversation.ok && conversation.gone) {
    // Gone, or no longer ours to see (an agent whose conversation was reassigned).
    updateLists(deps, (data) => removeConversation(data, conversationId));
  }
  if (reReadLists) await invalidate(deps, trpc.conversations.list.pathKey());
  return unreachable ? markUnapplied(deps, conversationId) : "applied";
}
