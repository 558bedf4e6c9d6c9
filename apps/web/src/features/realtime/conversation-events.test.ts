import { describe, expect, it } from "vitest";
import type { Conversation, ConversationListItem, Message } from "../inbox/types";
import type { Pages } from "./cache-updaters";
import {
  conversationFixture as conv,
  realtimeEvent as event,
  ids,
  messageFixture as msg,
  occurredAt,
  pagesOf,
  realtimeSetup as setup,
} from "./fixtures";
import { accessLostKey, handleRealtimeEvent, typingKey } from "./handle-event";

describe("handleRealtimeEvent on conversation events", () => {
  it("on new_message adds the message to the open thread and moves the conversation up in each list", async () => {
    const arrived = msg({ id: "m2", conversationId: "a", direction: "inbound", sentAt: occurredAt });
    const updated = conv({ id: "a", lastMessageAt: occurredAt, unreadCount: 1, lastMessagePreview: "Oi" });
    const { deps, queryClient, allKey, mineKey, threadKey } = setup({
      conversations: [updated],
      messages: [arrived],
    });
    queryClient.setQueryData(
      allKey,
      pagesOf({
        items: [conv({ id: "b" }), conv({ id: "a", lastMessageAt: "2026-11-25T09:00:00.000Z" })],
        nextCursor: null,
      }),
    );
    queryClient.setQueryData(mineKey, pagesOf({ items: [], nextCursor: null }));
    queryClient.setQueryData(
      threadKey,
      pagesOf({ items: [msg({ id: "m1", conversationId: "a" })], nextCursor: null }),
    );

    await handleRealtimeEvent(
      deps,
      event("new_message", { conversationId: "a", messageId: "m2", direction: "inbound", isPrivate: false }),
    );

    const all = queryClient.getQueryData<Pages<Conversation>>(allKey);
    expect(ids(all)).toEqual([["a", "b"]]);
    expect(all?.pages[0]?.items[0]).toMatchObject({ unreadCount: 1, lastMessagePreview: "Oi" });
    // unassigned, so not in "mine"
    expect(ids(queryClient.getQueryData(mineKey))).toEqual([[]]);
    expect(ids(queryClient.getQueryData(threadKey))).toEqual([["m2", "m1"]]);
  });

  it("on conversation_updated shows the user's own unread count the event carried", async () => {
    const { deps, queryClient, allKey, unreadAsked } = setup({
      conversations: [conv({ id: "a", unreadCount: 0, lastMessageAt: occurredAt })],
    });
    queryClient.setQueryData(allKey, pagesOf({ items: [conv({ id: "a", unread: 0 })], nextCursor: null }));

    await handleRealtimeEvent(
      deps,
      event("conversation_updated", {
        conversationId: "a",
        status: "open",
        assignedTo: null,
        lastMessageAt: occurredAt,
        deleted: false,
        unread: 2,
      }),
    );

    const all = queryClient.getQueryData<Pages<ConversationListItem>>(allKey);
    // a teammate read it (team count 0); this user has not
    expect(all?.pages[0]?.items[0]).toMatchObject({ unread: 2, unreadCount: 0 });
    expect(unreadAsked).toEqual([]);
  });

  it("on an inbound new_message shows the user's own unread count it carried, without asking", async () => {
    const arrived = msg({ id: "m2", conversationId: "a", direction: "inbound", sentAt: occurredAt });
    const { deps, queryClient, allKey, unreadAsked } = setup({
      conversations: [conv({ id: "a", unreadCount: 3, lastMessageAt: occurredAt })],
      messages: [arrived],
    });
    queryClient.setQueryData(allKey, pagesOf({ items: [conv({ id: "a", unread: 0 })], nextCursor: null }));

    await handleRealtimeEvent(
      deps,
      event("new_message", {
        conversationId: "a",
        messageId: "m2",
        direction: "inbound",
        isPrivate: false,
        assignedTo: null,
        unread: 3,
      }),
    );

    const all = queryClient.getQueryData<Pages<ConversationListItem>>(allKey);
    expect(all?.pages[0]?.items[0]).toMatchObject({ unread: 3, lastMessageAt: occurredAt });
    expect(unreadAsked).toEqual([]);
  });

  it("keeps the user's count on events without one, and asks for it only for a conversation new to the lists", async () => {
    const { deps, queryClient, allKey, unreadAsked } = setup({
      conversations: [conv({ id: "a", unreadCount: 4 }), conv({ id: "n", unreadCount: 4 })],
      unread: { n: 1 },
    });
    queryClient.setQueryData(allKey, pagesOf({ items: [conv({ id: "a", unread: 0 })], nextCursor: null }));

    await handleRealtimeEvent(
      deps,
      event("conversation_assigned", { conversationId: "a", assignedTo: "me", previousAssignee: null }),
    );
    await handleRealtimeEvent(
      deps,
      event("conversation_assigned", { conversationId: "n", assignedTo: "me", previousAssignee: null }),
    );

    const items = queryClient.getQueryData<Pages<ConversationListItem>>(allKey)?.pages[0]?.items;
    expect(items?.map((item) => [item.id, item.unread])).toEqual(
      expect.arrayContaining([
        ["a", 0],
        ["n", 1],
      ]),
    );
    expect(unreadAsked).toEqual(["n"]);
  });

  it("on message_status moves the ticks of the message in the thread", async () => {
    const { deps, queryClient, threadKey } = setup();
    queryClient.setQueryData(
      threadKey,
      pagesOf({ items: [msg({ id: "m1", conversationId: "a", status: "sent" })], nextCursor: null }),
    );
    await handleRealtimeEvent(
      deps,
      event("message_status", { conversationId: "a", messageId: "m1", status: "delivered", error: null }),
    );
    const thread = queryClient.getQueryData<Pages<Message>>(threadKey);
    expect(thread?.pages[0]?.items[0]?.status).toBe("delivered");
  });

  it("on message_status re-reads the lists when a send failed, or a conversation marked failed moves on", async () => {
    const { deps, queryClient, allKey } = setup();
    const status = (conversationId: string, value: "sent" | "failed") =>
      handleRealtimeEvent(
        deps,
        event("message_status", { conversationId, messageId: "m1", status: value, error: null }),
      );
    const stale = () => queryClient.getQueryState(allKey)?.isInvalidated;
    queryClient.setQueryData(
      allKey,
      pagesOf({
        items: [conv({ id: "a" }), { ...conv({ id: "b" }), lastMessageFailed: true }],
        nextCursor: null,
      }),
    );
    await status("a", "sent");
    expect(stale()).toBe(false);
    await status("a", "failed");
    expect(stale()).toBe(true);

    queryClient.setQueryData(
      allKey,
      pagesOf({
        items: [conv({ id: "a" }), { ...conv({ id: "b" }), lastMessageFailed: true }],
        nextCursor: null,
      }),
    );
    expect(stale()).toBe(false);
    await status("b", "sent");
    expect(stale()).toBe(true);
  });

  it("removes a conversation the user may no longer see after it was reassigned", async () => {
    const { deps, queryClient, allKey } = setup({ conversations: [] });
    queryClient.setQueryData(allKey, pagesOf({ items: [conv({ id: "a" })], nextCursor: null }));
    await handleRealtimeEvent(
      deps,
      event("conversation_assigned", { conversationId: "a", assignedTo: "other", previousAssignee: "me" }),
    );
    expect(ids(queryClient.getQueryData(allKey))).toEqual([[]]);
  });

  it("on conversation_access_lost drops the conversation from the lists and marks it lost, asking nothing", async () => {
    const { deps, queryClient, allKey } = setup({ conversations: [conv({ id: "a" })] });
    queryClient.setQueryData(
      allKey,
      pagesOf({ items: [conv({ id: "a" }), conv({ id: "b" })], nextCursor: null }),
    );
    await handleRealtimeEvent(
      deps,
      event("conversation_access_lost", { conversationId: "a", assignedTo: "u2" }),
    );
    expect(ids(queryClient.getQueryData(allKey))).toEqual([["b"]]);
    expect(queryClient.getQueryData(accessLostKey("a"))).toEqual({ assignedTo: "u2" });

    // given back to someone the user may see: the events reach them again, and it is theirs to see
    await handleRealtimeEvent(
      deps,
      event("conversation_assigned", { conversationId: "a", assignedTo: null, previousAssignee: "u2" }),
    );
    expect(queryClient.getQueryData(accessLostKey("a"))).toBeNull();
    expect(ids(queryClient.getQueryData(allKey))?.[0]).toContain("a");
  });

  it("keeps who is typing per conversation, but not the user themself", async () => {
    const { deps, queryClient } = setup();
    const expiresAt = "2026-11-25T10:30:05.000Z";
    await handleRealtimeEvent(
      deps,
      event("user_typing", { conversationId: "a", userId: "u2", isTyping: true, expiresAt }),
    );
    await handleRealtimeEvent(
      deps,
      event("user_typing", { conversationId: "a", userId: "me", isTyping: true, expiresAt }),
    );
    expect(queryClient.getQueryData(typingKey("a"))).toEqual([{ userId: "u2", expiresAt }]);
  });

  it("on conversation_read clears the user's own badge in every list, leaving the team's count", async () => {
    const { deps, queryClient, allKey, mineKey } = setup();
    const listed = conv({ id: "a", unread: 3, unreadCount: 3 });
    queryClient.setQueryData(
      allKey,
      pagesOf({ items: [conv({ id: "b", unread: 1 }), listed], nextCursor: null }),
    );
    queryClient.setQueryData(mineKey, pagesOf({ items: [listed], nextCursor: null }));
    await handleRealtimeEvent(
      deps,
      event("conversation_read", { conversationId: "a", userId: "me", lastReadAt: occurredAt, unread: 0 }),
    );
    for (const key of [allKey, mineKey]) {
      const items = queryClient.getQueryData<Pages<ConversationListItem>>(key)?.pages[0]?.items;
      expect(items?.find((item) => item.id === "a")).toMatchObject({ unread: 0, unreadCount: 3 });
    }
    const others = queryClient.getQueryData<Pages<ConversationListItem>>(allKey)?.pages[0]?.items;
    expect(others?.find((item) => item.id === "b")?.unread).toBe(1);
  });
});
