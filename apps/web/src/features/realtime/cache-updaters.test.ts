import { describe, expect, it } from "vitest";
import {
  advanceStatus,
  applyTyping,
  listedUnread,
  matchesListInput,
  patchMessageStatus,
  setUnread,
  upsertConversation,
  upsertMessage,
} from "./cache-updaters";
import { conversationFixture as conv, ids, messageFixture as msg, pagesOf } from "./fixtures";

const at = (minute: number) => `2026-11-25T10:${String(minute).padStart(2, "0")}:00.000Z`;

describe("upsertConversation", () => {
  const list = pagesOf(
    {
      items: [conv({ id: "a", lastMessageAt: at(30) }), conv({ id: "b", lastMessageAt: at(20) })],
      nextCursor: "next",
    },
    { items: [conv({ id: "c", lastMessageAt: at(10) })], nextCursor: null },
  );

  it("moves a conversation with a new message to the top", () => {
    const next = upsertConversation(list, conv({ id: "c", lastMessageAt: at(40), unreadCount: 2 }), {}, "me");
    expect(ids(next)).toEqual([["c", "a", "b"], []]);
    expect(next?.pages[0]?.items[0]?.unreadCount).toBe(2);
  });

  it("adds a conversation the list did not have yet in its place", () => {
    expect(ids(upsertConversation(list, conv({ id: "d", lastMessageAt: at(25) }), {}, "me"))).toEqual([
      ["a", "d", "b"],
      ["c"],
    ]);
  });

  it("leaves an older conversation for Load more while more pages exist", () => {
    const onePage = pagesOf({ items: [conv({ id: "a", lastMessageAt: at(30) })], nextCursor: "next" });
    expect(ids(upsertConversation(onePage, conv({ id: "z", lastMessageAt: at(1) }), {}, "me"))).toEqual([
      ["a"],
    ]);
  });

  it("appends an older conversation at the end of a complete list", () => {
    const complete = pagesOf({ items: [conv({ id: "a", lastMessageAt: at(30) })], nextCursor: null });
    expect(ids(upsertConversation(complete, conv({ id: "z", lastMessageAt: null }), {}, "me"))).toEqual([
      ["a", "z"],
    ]);
  });

  it("removes a conversation that no longer matches the list's filter", () => {
    const closed = conv({ id: "a", lastMessageAt: at(30), status: "closed" });
    expect(ids(upsertConversation(list, closed, { status: "open" }, "me"))).toEqual([["b"], ["c"]]);
  });

  it("leaves lists that are not loaded alone", () => {
    expect(upsertConversation(undefined, conv({ id: "a" }), {}, "me")).toBeUndefined();
  });
});

describe("matchesListInput", () => {
  const mine = conv({ id: "a", assignee: { id: "me", name: "Me" }, channel: "telegram", unread: 1 });

  it("reads mine, unassigned and a user id against the signed-in user", () => {
    expect(matchesListInput(mine, { assignee: "me" }, "me")).toBe(true);
    expect(matchesListInput(mine, { assignee: "me" }, "someone-else")).toBe(false);
    expect(matchesListInput(mine, { assignee: "unassigned" }, "me")).toBe(false);
    expect(matchesListInput(conv({ id: "b" }), { assignee: "unassigned" }, "me")).toBe(true);
    expect(matchesListInput(mine, { assignee: "me", channel: "whatsapp" }, "me")).toBe(false);
    expect(matchesListInput(mine, { unread: false }, "me")).toBe(false);
  });

  it("reads unread as the user's own badge, as the server filters, not the team's count", () => {
    const readByMe = conv({ id: "a", unreadCount: 3, unread: 0 });
    expect(matchesListInput(readByMe, { unread: true }, "me")).toBe(false);
    expect(matchesListInput(readByMe, { unread: false }, "me")).toBe(true);
    const unreadToMe = conv({ id: "b", unreadCount: 0, unread: 2 });
    expect(matchesListInput(unreadToMe, { unread: true }, "me")).toBe(true);
  });
});

describe("setUnread", () => {
  it("clears the user's own badge of the conversation they opened, not the team's count", () => {
    const list = pagesOf({
      items: [conv({ id: "a", unreadCount: 3, unread: 3 }), conv({ id: "b", unreadCount: 1, unread: 1 })],
      nextCursor: null,
    });
    const next = setUnread(list, "a", 0);
    expect(next?.pages[0]?.items.map((item) => [item.unread, item.unreadCount])).toEqual([
      [0, 3],
      [1, 1],
    ]);
  });
});

describe("per-user unread in upsertConversation", () => {
  const list = pagesOf({
    items: [conv({ id: "a", lastMessageAt: at(30), unread: 2 }), conv({ id: "b", lastMessageAt: at(20) })],
    nextCursor: null,
  });

  it("keeps the user's count the list had when the fresh copy (from get) has none", () => {
    const next = upsertConversation(list, conv({ id: "a", lastMessageAt: at(40), unreadCount: 5 }), {}, "me");
    expect(next?.pages[0]?.items[0]).toMatchObject({ id: "a", unread: 2, unreadCount: 5 });
  });

  it("takes the count an event carried over the one the list had", () => {
    const next = upsertConversation(list, conv({ id: "a", lastMessageAt: at(40) }), {}, "me", 3);
    expect(listedUnread(next, "a")).toBe(3);
  });

  it("leaves the count unknown for a conversation new to the list without one", () => {
    const next = upsertConversation(list, conv({ id: "c", lastMessageAt: at(50) }), {}, "me");
    expect(listedUnread(next, "c")).toBeUndefined();
    expect(listedUnread(next, "zzz")).toBeUndefined();
  });
});

describe("thread messages", () => {
  const thread = pagesOf({
    items: [msg({ id: "m2", sentAt: at(2) }), msg({ id: "m1", sentAt: at(1) })],
    nextCursor: null,
  });

  it("puts a new message first (newest first) and never twice", () => {
    const once = upsertMessage(thread, msg({ id: "m3", sentAt: at(3) }));
    expect(ids(upsertMessage(once, msg({ id: "m3", sentAt: at(3), status: "sent" })))).toEqual([
      ["m3", "m2", "m1"],
    ]);
  });

  it("moves delivery forward: sent, delivered, read, and ignores a late sent", () => {
    let data = patchMessageStatus(thread, "m2", "delivered", null, at(5));
    data = patchMessageStatus(data, "m2", "read", null, at(6));
    data = patchMessageStatus(data, "m2", "sent", null, at(7));
    expect(data?.pages[0]?.items[0]).toMatchObject({ status: "read", statusAt: at(6) });
  });

  it("keeps the reason of a failure and lets a retry start over", () => {
    const failed = patchMessageStatus(thread, "m1", "failed", "Invalid recipient", at(5));
    expect(failed?.pages[0]?.items[1]).toMatchObject({ status: "failed", error: "Invalid recipient" });
    expect(advanceStatus("failed", "pending")).toBe("pending");
  });
});

describe("applyTyping", () => {
  const now = new Date(at(10));

  it("shows a typing user until the event's expiry and drops them when they stop", () => {
    const typing = applyTyping([], { userId: "u2", isTyping: true, expiresAt: at(11) }, now);
    expect(typing).toEqual([{ userId: "u2", expiresAt: at(11) }]);
    expect(applyTyping(typing, { userId: "u2", isTyping: false, expiresAt: null }, now)).toEqual([]);
  });

  it("forgets entries that expired", () => {
    const stale = [{ userId: "u3", expiresAt: at(9) }];
    expect(applyTyping(stale, { userId: "u2", isTyping: true, expiresAt: at(11) }, now)).toEqual([
      { userId: "u2", expiresAt: at(11) },
    ]);
  });
});
