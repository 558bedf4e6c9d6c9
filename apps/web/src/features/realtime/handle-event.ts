import type { RealtimeEvent } from "@crm/contracts/realtime/events";
import type { Query, QueryClient } from "@tanstack/react-query";
import { errorCodeOf } from "../../lib/errors";
import type { Trpc } from "../../lib/trpc";
import type { Conversation, ConversationListInput, ConversationListItem, Message } from "../inbox/types";
import { addNotification, markRead as markNotificationsRead } from "../notifications/notification-cache";
import {
  applyTyping,
  listedUnread,
  markMessageDeleted,
  type Pages,
  patchMessageStatus,
  removeConversation,
  setUnread,
  type TypingEntry,
  upsertConversation,
  upsertMessage,
} from "./cache-updaters";

export interface RealtimeDeps {
  queryClient: QueryClient;
  trpc: Trpc;
  userId: string;
  fetchConversation: (id: string) => Promise<Conversation>;
  fetchMessage: (id: string) => Promise<Message>;
  /** The signed-in user's own unread count of a conversation (`realtime.unreadCounts`). */
  fetchUnread: (id: string) => Promise<number>;
  now?: () => Date;
}

/** Who is typing where: kept in the query cache so any screen can read it with `useQuery`. */
export const typingKey = (conversationId: string) => ["realtime", "typing", conversationId] as const;

/** A conversation taken out of the user's view by a reassignment: who has it now. */
export interface AccessLost {
  assignedTo: string | null;
}

/**
 * Whether the user lost a conversation (null: they see it), kept in the query cache so an open thread can say
 * so and stop asking for a conversation that would answer 404.
 */
export const accessLostKey = (conversationId: string) => ["realtime", "accessLost", conversationId] as const;

/** An event about a conversation reached the user: they may see it (again). */
function accessRegained(deps: RealtimeDeps, conversationId: string) {
  const key = accessLostKey(conversationId);
  if (deps.queryClient.getQueryData<AccessLost | null>(key)) deps.queryClient.setQueryData(key, null);
}

/** The `input` part of a tRPC query key: `[path, { input, type }]`. */
function inputOf<T>(query: Query): T | undefined {
  const meta = query.queryKey[1];
  return typeof meta === "object" && meta !== null && "input" in meta ? (meta.input as T) : undefined;
}

const listQueries = (deps: RealtimeDeps) =>
  deps.queryClient.getQueryCache().findAll({ queryKey: deps.trpc.conversations.list.pathKey() });

function updateLists(
  deps: RealtimeDeps,
  update: (
    data: Pages<ConversationListItem> | undefined,
    input: Partial<ConversationListInput> | undefined,
  ) => unknown,
) {
  for (const query of listQueries(deps)) {
    const input = inputOf<Partial<ConversationListInput>>(query);
    deps.queryClient.setQueryData(query.queryKey, (data: Pages<ConversationListItem> | undefined) =>
      update(data, input),
    );
    rereadIfFetching(deps, query);
  }
}

/** Whether some cached list marks the conversation's newest message as not sent. */
const listedAsFailed = (deps: RealtimeDeps, conversationId: string) =>
  listQueries(deps).some((query) =>
    (query.state.data as Pages<ConversationListItem> | undefined)?.pages.some((page) =>
      page.items.some((item) => item.id === conversationId && item.lastMessageFailed === true),
    ),
  );

/**
 * The user's own count as some cached list has it, or "ask" for a conversation new to the lists (none cached:
 * nothing to show it in, nothing to ask).
 */
function cachedUnread(deps: RealtimeDeps, conversationId: string): { unread: number } | "ask" | undefined {
  const lists = listQueries(deps).map((query) => query.state.data as Pages<ConversationListItem> | undefined);
  if (lists.length === 0) return undefined;
  for (const data of lists) {
    const unread = listedUnread(data, conversationId);
    if (unread !== undefined) return { unread };
  }
  return "ask";
}

/** The user's own count as some cached list has it; asked of the server only for a conversation new to them. */
async function knownUnread(deps: RealtimeDeps, conversationId: string): Promise<number | undefined> {
  const cached = cachedUnread(deps, conversationId);
  if (cached !== "ask") return cached?.unread;
  return deps.fetchUnread(conversationId).catch(() => undefined);
}

/**
 * A query being read while an event changes it may answer with what the server had before the change, and
 * overwrite the change: it is read again instead (the running read is cancelled).
 */
function rereadIfFetching(deps: RealtimeDeps, query: Query) {
  if (query.state.fetchStatus !== "fetching") return;
  void deps.queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true }).catch(() => undefined);
}

function updateThreads(
  deps: RealtimeDeps,
  conversationId: string,
  update: (data: Pages<Message> | undefined) => Pages<Message> | undefined,
) {
  const { queryClient, trpc } = deps;
  for (const query of queryClient
    .getQueryCache()
    .findAll({ queryKey: trpc.conversations.messages.pathKey() })) {
    if (inputOf<{ id: string }>(query)?.id !== conversationId) continue;
    queryClient.setQueryData(query.queryKey, update);
    rereadIfFetching(deps, query);
  }
}

const hasThread = (deps: RealtimeDeps, conversationId: string) =>
  deps.queryClient
    .getQueryCache()
    .findAll({ queryKey: deps.trpc.conversations.messages.pathKey() })
    .some((query) => inputOf<{ id: string }>(query)?.id === conversationId);

/**
 * Re-reads one conversation and moves it in (or out of) every cached list, with the user's own unread count:
 * the one the event carried, else the one already known.
 */
export async function refreshConversation(
  deps: RealtimeDeps,
  conversationId: string,
  unread?: number,
): Promise<void> {
  const { queryClient, trpc } = deps;
  try {
    const conversation = await deps.fetchConversation(conversationId);
    const ownUnread = unread ?? (await knownUnread(deps, conversationId));
    queryClient.setQueryData(trpc.conversations.get.queryKey({ id: conversationId }), conversation);
    updateLists(deps, (data, input) => upsertConversation(data, conversation, input, deps.userId, ownUnread));
  } catch (error) {
    // Gone, or no longer ours to see (an agent whose conversation was reassigned).
    if (errorCodeOf(error) === "NOT_FOUND" || errorCodeOf(error) === "FORBIDDEN") {
      updateLists(deps, (data) => removeConversation(data, conversationId));
      return;
    }
    await queryClient.invalidateQueries({ queryKey: trpc.conversations.list.pathKey() });
  }
}

/** Events about one conversation, applied together: `conversationId` of each is the same. */
type ConversationEvent = Extract<
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

/**
 * What applying events came to: `unreachable` when the server could not be read (down, restarting, blocked);
 * what they would have updated was marked stale instead, to be read again once the server answers.
 */
export type Outcome = "applied" | "unreachable";

/** An answer from our API that asking again will not change: the record is gone or no longer ours to see. */
const isGone = (error: unknown) => errorCodeOf(error) === "NOT_FOUND" || errorCodeOf(error) === "FORBIDDEN";

type Read<T> = { ok: true; value: T } | { ok: false; gone: boolean };
const read = <T>(promise: Promise<T>): Promise<Read<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, gone: isGone(error) }),
  );

const isThreadOf = (deps: RealtimeDeps, conversationIds: ReadonlySet<string> | "all") => (query: Query) =>
  isUnder(query, deps.trpc.conversations.messages.pathKey()) &&
  (conversationIds === "all" || conversationIds.has(inputOf<{ id: string }>(query)?.id ?? ""));

const isUnder = (query: Query, pathKey: readonly unknown[]) =>
  JSON.stringify(query.queryKey[0]) === JSON.stringify(pathKey[0]);

/**
 * Marks the threads of `conversationIds` and the conversation lists stale and reads the ones on screen again;
 * rejects if the server did not answer (they stay stale, so a screen opened later reads them anyway).
 */
export async function rereadConversations(
  deps: RealtimeDeps,
  conversationIds: ReadonlySet<string> | "all",
): Promise<void> {
  const threads = isThreadOf(deps, conversationIds);
  const listKey = deps.trpc.conversations.list.pathKey();
  await deps.queryClient.invalidateQueries(
    { predicate: (query) => threads(query) || isUnder(query, listKey) },
    { throwOnError: true },
  );
}

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

const invalidate = (deps: RealtimeDeps, ...keys: readonly (readonly unknown[])[]) =>
  Promise.all(keys.map((queryKey) => deps.queryClient.invalidateQueries({ queryKey })));

/** Applies one server event to the query caches: what the screens show follows without a refetch of lists. */
export async function handleRealtimeEvent(deps: RealtimeDeps, event: RealtimeEvent): Promise<Outcome> {
  const { queryClient, trpc } = deps;
  const conversationId = conversationOf(event);
  if (conversationId) return applyConversationEvents(deps, conversationId, [event as ConversationEvent]);
  switch (event.type) {
    case "deal_updated":
      await invalidate(
        deps,
        trpc.deals.pathKey(),
        trpc.pipelines.board.pathKey(),
        trpc.contacts.deals.pathKey(),
      );
      return "applied";
    case "contact_updated":
      await invalidate(deps, trpc.contacts.pathKey(), trpc.conversations.pathKey());
      return "applied";
    case "payment_status":
      await invalidate(deps, trpc.payments.pathKey(), trpc.deals.pathKey(), trpc.pipelines.board.pathKey());
      return "applied";
    case "organization_updated":
      // a new default currency, time zone or language applies without a reload
      await invalidate(deps, trpc.auth.me.queryKey(), trpc.organizations.pathKey());
      return "applied";
    case "team_updated":
      // a teammate joined, left, or has a new name or role: assignee lists, owners and mentions re-read it
      await invalidate(
        deps,
        trpc.users.pathKey(),
        ...(event.payload.userId === deps.userId ? [trpc.auth.me.queryKey()] : []),
      );
      return "applied";
    case "membership_changed":
      // promoted (a demotion or removal ends the subscription instead): the new role may see more
      await queryClient.invalidateQueries();
      return "applied";
    case "notification": {
      const { userId: _recipient, ...notification } = event.payload;
      queryClient.setQueriesData({ queryKey: trpc.notifications.list.infiniteQueryKey() }, (data) =>
        addNotification(data, notification),
      );
      return "applied";
    }
    case "notifications_read": {
      // marked read in another tab or device (or this one: marking again changes nothing)
      const { ids, unreadCount } = event.payload;
      queryClient.setQueriesData({ queryKey: trpc.notifications.list.infiniteQueryKey() }, (data) =>
        markNotificationsRead(data, ids, event.occurredAt, unreadCount),
      );
      return "applied";
    }
    case "resync_required":
      // Events were missed: everything shown may be stale.
      await queryClient.invalidateQueries();
      return "applied";
  }
  return "applied";
}
