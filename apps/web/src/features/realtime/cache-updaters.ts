import type { InfiniteData } from "@tanstack/react-query";
import type {
  Conversation,
  ConversationListInput,
  ConversationListItem,
  DeliveryStatus,
  Message,
} from "../inbox/types";

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export type Pages<T> = InfiniteData<Page<T>, string | null>;

/**
 * Whether a conversation belongs in a list asked for with `input`, seen by the user `userId`. `unread` is the
 * user's own count, as the server filters (not the team's `unreadCount`).
 */
export function matchesListInput(
  conversation: ConversationListItem,
  input: Partial<ConversationListInput> | undefined,
  userId: string,
): boolean {
  if (!input) return true;
  if (input.status && conversation.status !== input.status) return false;
  if (input.channel && conversation.channel !== input.channel) return false;
  if (input.contactId && conversation.contact?.id !== input.contactId) return false;
  if (input.unread !== undefined && input.unread !== (conversation.unread ?? 0) > 0) return false;
  const assigneeId = conversation.assignee?.id ?? null;
  if (input.assignee === "me") return assigneeId === userId;
  if (input.assignee === "unassigned") return assigneeId === null;
  if (input.assignee) return assigneeId === input.assignee;
  return true;
}

/** The server's order: newest activity first (no activity last), then id descending. */
export function compareConversations(a: Conversation, b: Conversation): number {
  if (a.lastMessageAt !== b.lastMessageAt) {
    if (a.lastMessageAt === null) return 1;
    if (b.lastMessageAt === null) return -1;
    return a.lastMessageAt < b.lastMessageAt ? 1 : -1;
  }
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

/** Messages newest first, as the API pages them. */
export function compareMessages(a: Message, b: Message): number {
  if (a.sentAt !== b.sentAt) return a.sentAt < b.sentAt ? 1 : -1;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

const without = <T extends { id: string }>(data: Pages<T>, id: string): Pages<T> => ({
  ...data,
  pages: data.pages.map((page) =>
    page.items.some((item) => item.id === id)
      ? { ...page, items: page.items.filter((item) => item.id !== id) }
      : page,
  ),
});

/** Replaces the item with `id` by `update(item)` wherever it is loaded. */
const mapItem = <T extends { id: string }>(data: Pages<T>, id: string, update: (item: T) => T): Pages<T> => ({
  ...data,
  pages: data.pages.map((page) => ({
    ...page,
    items: page.items.map((item) => (item.id === id ? update(item) : item)),
  })),
});

/**
 * Puts `item` where `compare` says it belongs among the loaded pages (and nowhere else). An item that sorts
 * after everything loaded while more pages exist is left for "Load more" to bring.
 */
function placeSorted<T extends { id: string }>(
  data: Pages<T>,
  item: T,
  compare: (a: T, b: T) => number,
): Pages<T> {
  const pages = without(data, item.id).pages;
  let placed = false;
  const next = pages.map((page, index) => {
    if (placed) return page;
    const at = page.items.findIndex((other) => compare(item, other) < 0);
    const isLast = index === pages.length - 1;
    if (at === -1 && !(isLast && page.nextCursor === null)) return page;
    placed = true;
    const items = [...page.items];
    items.splice(at === -1 ? items.length : at, 0, item);
    return { ...page, items };
  });
  return { ...data, pages: next };
}

/** The user's own unread count of a listed conversation, if this list knows it. */
export function listedUnread(
  data: Pages<ConversationListItem> | undefined,
  conversationId: string,
): number | undefined {
  for (const page of data?.pages ?? []) {
    const found = page.items.find((item) => item.id === conversationId);
    if (found) return found.unread;
  }
  return undefined;
}

/**
 * A fresh copy of a conversation, applied to one list: moved to its place, or removed if it no longer fits.
 * `conversations.get` has no per-user count: `unread` is the given one, else the one the list already had.
 */
export function upsertConversation(
  data: Pages<ConversationListItem> | undefined,
  conversation: Conversation,
  input: Partial<ConversationListInput> | undefined,
  userId: string,
  unread?: number,
): Pages<ConversationListItem> | undefined {
  if (!data) return data;
  const known = unread ?? listedUnread(data, conversation.id);
  const item: ConversationListItem = known === undefined ? conversation : { ...conversation, unread: known };
  if (!matchesListInput(item, input, userId)) return without(data, conversation.id);
  return placeSorted(data, item, compareConversations);
}

export function removeConversation(
  data: Pages<ConversationListItem> | undefined,
  conversationId: string,
): Pages<Conversation> | undefined {
  return data && without(data, conversationId);
}

/** Sets the user's own unread count of a conversation wherever it is listed (0 when they open it). */
export function setUnread(
  data: Pages<ConversationListItem> | undefined,
  conversationId: string,
  unread: number,
): Pages<ConversationListItem> | undefined {
  return data && mapItem(data, conversationId, (item) => ({ ...item, unread }));
}

/** A new or changed message in a thread's pages (newest first); a pending copy with the same id is replaced. */
export function upsertMessage(
  data: Pages<Message> | undefined,
  message: Message,
): Pages<Message> | undefined {
  if (!data) return data;
  return placeSorted(data, message, compareMessages);
}

/** A delivery status moves forward only: a late "sent" must not undo "read". */
const deliveryRank: Record<DeliveryStatus, number> = {
  pending: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  failed: 4,
};

export function advanceStatus(current: Message["status"], next: DeliveryStatus): DeliveryStatus {
  if (current === null) return next;
  // A retry takes a failed message back to pending; otherwise only forward.
  if (current === "failed") return next;
  return deliveryRank[next] >= deliveryRank[current] ? next : current;
}

export function patchMessageStatus(
  data: Pages<Message> | undefined,
  messageId: string,
  status: DeliveryStatus,
  error: string | null,
  at: string,
): Pages<Message> | undefined {
  return (
    data &&
    mapItem(data, messageId, (item) => {
      const next = advanceStatus(item.status, status);
      if (next === item.status) return item;
      return { ...item, status: next, statusAt: at, error: next === "failed" ? error : null };
    })
  );
}

export function markMessageDeleted(
  data: Pages<Message> | undefined,
  messageId: string,
  at: string,
): Pages<Message> | undefined {
  return data && mapItem(data, messageId, (item) => ({ ...item, content: "", media: null, deletedAt: at }));
}

export interface TypingEntry {
  userId: string;
  expiresAt: string;
}

/** Who is typing in a conversation: renewed by each event, dropped when stopped or expired. */
export function applyTyping(
  current: readonly TypingEntry[] | undefined,
  event: { userId: string; isTyping: boolean; expiresAt: string | null },
  now: Date,
): TypingEntry[] {
  const others = (current ?? []).filter(
    (entry) => entry.userId !== event.userId && new Date(entry.expiresAt) > now,
  );
  if (!event.isTyping || !event.expiresAt || new Date(event.expiresAt) <= now) return others;
  return [...others, { userId: event.userId, expiresAt: event.expiresAt }];
}
