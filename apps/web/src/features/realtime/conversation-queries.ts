import type { Query } from "@tanstack/react-query";
import { errorCodeOf } from "../../lib/errors";
import type { ConversationListInput, ConversationListItem, Message } from "../inbox/types";
import { listedUnread, type Pages, removeConversation, upsertConversation } from "./cache-updaters";
import type { RealtimeDeps } from "./realtime-deps";

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
export function accessRegained(deps: RealtimeDeps, conversationId: string) {
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

export function updateLists(
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
export const listedAsFailed = (deps: RealtimeDeps, conversationId: string) =>
  listQueries(deps).some((query) =>
    (query.state.data as Pages<ConversationListItem> | undefined)?.pages.some((page) =>
      page.items.some((item) => item.id === conversationId && item.lastMessageFailed === true),
    ),
  );

/**
 * The user's own count as some cached list has it, or "ask" for a conversation new to the lists (none cached:
 * nothing to show it in, nothing to ask).
 */
export function cachedUnread(
  deps: RealtimeDeps,
  conversationId: string,
): { unread: number } | "ask" | undefined {
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

export function updateThreads(
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

export const hasThread = (deps: RealtimeDeps, conversationId: string) =>
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

export const isThreadOf =
  (deps: RealtimeDeps, conversationIds: ReadonlySet<string> | "all") => (query: Query) =>
    isUnder(query, deps.trpc.conversations.messages.pathKey()) &&
    (conversationIds === "all" || conversationIds.has(inputOf<{ id: string }>(query)?.id ?? ""));

export const isUnder = (query: Query, pathKey: readonly unknown[]) =>
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
