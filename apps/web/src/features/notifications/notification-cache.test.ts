import { describe, expect, it } from "vitest";
import { addNotification, markRead, unreadCountOf } from "./notification-cache";
import type { NotificationItem, NotificationPages } from "./types";

const item = (id: string, readAt: string | null = null): NotificationItem => ({
  id,
  type: "assignment",
  actor: null,
  contact: null,
  readAt,
  createdAt: "2026-05-01T12:00:00.000Z",
  data: { conversationId: "c1", previousAssignee: null },
});

const pages = (...lists: NotificationItem[][]): NotificationPages => ({
  pages: lists.map((items, index) => ({
    items,
    nextCursor: index < lists.length - 1 ? `c${index}` : null,
    unreadCount: 3,
  })),
  pageParams: lists.map((_, index) => (index === 0 ? null : `c${index - 1}`)),
});

describe("the bell's cached list", () => {
  it("leaves a list not loaded yet alone: it is fetched when the bell shows", () => {
    expect(addNotification(undefined, item("n1"))).toBeUndefined();
  });

  it("counts on every page, so any page read gives the same count", () => {
    const data = addNotification(pages([item("n1")], [item("n0")]), item("n2")) as NotificationPages;
    expect(data.pages.map((page) => page.unreadCount)).toEqual([4, 4]);
    expect(data.pages[0]?.items.map((n) => n.id)).toEqual(["n2", "n1"]);
  });

  it("without the server's count, takes away only what it marked here", () => {
    const data = markRead(pages([item("n2"), item("n1", "2026-05-01T12:01:00.000Z")]), ["n1", "n2"], "t");
    expect(unreadCountOf(data as NotificationPages)).toBe(2);
    expect(unreadCountOf(markRead(pages([item("n2")]), null, "t") as NotificationPages)).toBe(0);
  });
});
