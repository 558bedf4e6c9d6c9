import type { NotificationItem, NotificationPages } from "./types";

const isPages = (data: unknown): data is NotificationPages =>
  typeof data === "object" && data !== null && "pages" in data && Array.isArray(data.pages);

const withUnreadCount = (data: NotificationPages, unreadCount: number): NotificationPages => ({
  ...data,
  pages: data.pages.map((page) => ({ ...page, unreadCount })),
});

/** The user's unread count as the cached list knows it. */
export const unreadCountOf = (data: NotificationPages | undefined): number =>
  data?.pages[0]?.unreadCount ?? 0;

/** A new notification on top of the list, counted once even if it arrives twice (a replayed event). */
export function addNotification(data: unknown, item: NotificationItem): unknown {
  if (!isPages(data)) return data;
  if (data.pages.some((page) => page.items.some((known) => known.id === item.id))) return data;
  const [first, ...rest] = data.pages;
  if (!first) return data;
  const unreadCount = first.unreadCount + (item.readAt === null ? 1 : 0);
  return withUnreadCount(
    { ...data, pages: [{ ...first, items: [item, ...first.items] }, ...rest] },
    unreadCount,
  );
}

/**
 * Marks `ids` (null: all) read at `at`. `unreadCount` is the server's count when known; otherwise the cached one
 * less what changed here.
 */
export function markRead(
  data: unknown,
  ids: readonly string[] | null,
  at: string,
  unreadCount?: number,
): unknown {
  if (!isPages(data)) return data;
  const marks = (item: NotificationItem) => item.readAt === null && (ids === null || ids.includes(item.id));
  let changed = 0;
  const pages = data.pages.map((page) => ({
    ...page,
    items: page.items.map((item) => {
      if (!marks(item)) return item;
      changed += 1;
      return { ...item, readAt: at };
    }),
  }));
  const count = unreadCount ?? (ids === null ? 0 : Math.max(0, unreadCountOf(data) - changed));
  return withUnreadCount({ ...data, pages }, count);
}
