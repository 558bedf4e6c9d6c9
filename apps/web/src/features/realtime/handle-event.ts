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
  }
}

/** The user's own count as some cached list has it; asked of the server only for a conversation new to them. */
async function knownUnread(deps: RealtimeDeps, conversationId: string): Promise<number | undefined> {
  const lists = listQueries(deps).map((query) => query.state.data as Pages<ConversationListItem> | undefined);
  if (lists.length === 0) return undefined;
  for (const data of lists) {
    const unread = listedUnread(data, conversationId);
    if (unread !== undefined) return unread;
  }
  return deps.fetchUnread(conversationId).catch(() => undefined);
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

async function refreshMessage(deps: RealtimeDeps, conversationId: string, messageId: string) {
  if (!hasThread(deps, conversationId)) return;
  try {
    const message = await deps.fetchMessage(messageId);
    updateThreads(deps, conversationId, (data) => upsertMessage(data, message));
  } catch {
    await deps.queryClient.invalidateQueries({
      queryKey: deps.trpc.conversations.messages.pathKey(),
      predicate: (query) => inputOf<{ id: string }>(query)?.id === conversationId,
    });
  }
}

const invalidate = (deps: RealtimeDeps, ...keys: readonly (readonly unknown[])[]) =>
  Promise.all(keys.map((queryKey) => deps.queryClient.invalidateQueries({ queryKey })));

/** Applies one server event to the query caches: what the screens show follows without a refetch of lists. */
export async function handleRealtimeEvent(deps: RealtimeDeps, event: RealtimeEvent): Promise<void> {
  const { queryClient, trpc } = deps;
  const now = deps.now?.() ?? new Date();
  switch (event.type) {
    case "new_message": {
      const { conversationId, messageId } = event.payload;
      await Promise.all([
        refreshMessage(deps, conversationId, messageId),
        refreshConversation(deps, conversationId),
      ]);
      return;
    }
    case "message_updated": {
      const { conversationId, messageId, deleted } = event.payload;
      if (deleted)
        updateThreads(deps, conversationId, (data) => markMessageDeleted(data, messageId, event.occurredAt));
      else await refreshMessage(deps, conversationId, messageId);
      return;
    }
    case "message_status": {
      const { conversationId, messageId, status, error } = event.payload;
      updateThreads(deps, conversationId, (data) =>
        patchMessageStatus(data, messageId, status, error, event.occurredAt),
      );
      return;
    }
    case "conversation_updated": {
      const { conversationId, deleted } = event.payload;
      if (deleted) {
        updateLists(deps, (data) => removeConversation(data, conversationId));
        queryClient.removeQueries({ queryKey: trpc.conversations.get.queryKey({ id: conversationId }) });
        return;
      }
      accessRegained(deps, conversationId);
      await refreshConversation(deps, conversationId, event.payload.unread);
      return;
    }
    case "conversation_assigned":
      accessRegained(deps, event.payload.conversationId);
      await refreshConversation(deps, event.payload.conversationId);
      return;
    case "conversation_access_lost": {
      // Reassigned to someone whose conversations this user may not see: asking for it again would be a 404.
      const { conversationId, assignedTo } = event.payload;
      const lost: AccessLost = { assignedTo };
      updateLists(deps, (data) => removeConversation(data, conversationId));
      queryClient.setQueryData(accessLostKey(conversationId), lost);
      return;
    }
    case "user_typing": {
      const { conversationId } = event.payload;
      if (event.payload.userId === deps.userId) return;
      queryClient.setQueryData<TypingEntry[]>(typingKey(conversationId), (current) =>
        applyTyping(current, event.payload, now),
      );
      return;
    }
    case "deal_updated":
      await invalidate(
        deps,
        trpc.deals.pathKey(),
        trpc.pipelines.board.pathKey(),
        trpc.contacts.deals.pathKey(),
      );
      return;
    case "contact_updated":
      await invalidate(deps, trpc.contacts.pathKey(), trpc.conversations.pathKey());
      return;
    case "payment_status":
      await invalidate(deps, trpc.payments.pathKey(), trpc.deals.pathKey(), trpc.pipelines.board.pathKey());
      return;
    case "conversation_read":
      // read in another tab (or this one): the user's own badge clears in every tab
      updateLists(deps, (data) => setUnread(data, event.payload.conversationId, 0));
      return;
    case "organization_updated":
      // a new default currency, time zone or language applies without a reload
      await invalidate(deps, trpc.auth.me.queryKey(), trpc.organizations.pathKey());
      return;
    case "team_updated":
      // a teammate joined, left, or has a new name or role: assignee lists, owners and mentions re-read it
      await invalidate(
        deps,
        trpc.users.pathKey(),
        ...(event.payload.userId === deps.userId ? [trpc.auth.me.queryKey()] : []),
      );
      return;
    case "membership_changed":
      // promoted (a demotion or removal ends the subscription instead): the new role may see more
      await queryClient.invalidateQueries();
      return;
    case "notification": {
      const { userId: _recipient, ...notification } = event.payload;
      queryClient.setQueriesData({ queryKey: trpc.notifications.list.infiniteQueryKey() }, (data) =>
        addNotification(data, notification),
      );
      return;
    }
    case "notifications_read": {
      // marked read in another tab or device (or this one: marking again changes nothing)
      const { ids, unreadCount } = event.payload;
      queryClient.setQueriesData({ queryKey: trpc.notifications.list.infiniteQueryKey() }, (data) =>
        markNotificationsRead(data, ids, event.occurredAt, unreadCount),
      );
      return;
    }
    case "resync_required":
      // Events were missed: everything shown may be stale.
      await queryClient.invalidateQueries();
      return;
  }
}
