import type { AppRouter } from "@crm/api/trpc/root";
import type { RealtimeEvent } from "@crm/contracts/realtime/events";
import { QueryClient } from "@tanstack/react-query";
import { createTRPCClient } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { describe, expect, it } from "vitest";
import type { Conversation, ConversationListItem, Message } from "../inbox/types";
import type { Pages } from "./cache-updaters";
import { conversationFixture as conv, ids, messageFixture as msg, pagesOf } from "./fixtures";
import { accessLostKey, handleRealtimeEvent, type RealtimeDeps, typingKey } from "./handle-event";

const occurredAt = "2026-11-25T10:30:00.000Z";

function setup(
  server: { conversations?: Conversation[]; messages?: Message[]; unread?: Record<string, number> } = {},
) {
  const unreadAsked: string[] = [];
  const queryClient = new QueryClient();
  // Keys only: every read the handler makes goes through fetchConversation/fetchMessage below.
  const trpc = createTRPCOptionsProxy<AppRouter>({
    client: createTRPCClient<AppRouter>({ links: [] }),
    queryClient,
  });
  const notFound = Object.assign(new Error("not found"), { data: { code: "NOT_FOUND" } });
  const deps: RealtimeDeps = {
    queryClient,
    trpc,
    userId: "me",
    now: () => new Date("2026-11-25T10:30:00.000Z"),
    fetchConversation: async (id) => {
      const found = server.conversations?.find((item) => item.id === id);
      if (!found) throw notFound;
      return found;
    },
    fetchMessage: async (id) => {
      const found = server.messages?.find((item) => item.id === id);
      if (!found) throw notFound;
      return found;
    },
    fetchUnread: async (id) => {
      unreadAsked.push(id);
      return server.unread?.[id] ?? 0;
    },
  };
  const allKey = trpc.conversations.list.infiniteQueryKey({ limit: 30 });
  const mineKey = trpc.conversations.list.infiniteQueryKey({ limit: 30, assignee: "me" });
  const threadKey = trpc.conversations.messages.infiniteQueryKey({ id: "a", limit: 30 });
  return { deps, queryClient, trpc, allKey, mineKey, threadKey, unreadAsked };
}

const event = <T extends RealtimeEvent["type"]>(
  type: T,
  payload: Extract<RealtimeEvent, { type: T }>["payload"],
): RealtimeEvent => ({ type, occurredAt, payload }) as RealtimeEvent;

describe("handleRealtimeEvent", () => {
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

  it("on deal_updated marks the board and deal queries stale", async () => {
    const { deps, queryClient, trpc } = setup();
    const boardKey = trpc.pipelines.board.queryKey({ pipelineId: "p1" });
    queryClient.setQueryData(boardKey, { stages: [] } as never);
    await handleRealtimeEvent(
      deps,
      event("deal_updated", {
        dealId: "d1",
        pipelineId: "p1",
        stage: "s1",
        status: "open",
        changes: ["stage"],
      }),
    );
    expect(queryClient.getQueryState(boardKey)?.isInvalidated).toBe(true);
  });

  it("on payment_status marks the payment lists, the deal and the board stale, so a paid link shows without polling", async () => {
    const { deps, queryClient, trpc } = setup();
    const listKey = trpc.payments.list.infiniteQueryKey({ dealId: "d1", limit: 10 });
    const pendingKey = trpc.payments.list.queryKey({ dealId: "d1", status: "pending", limit: 10 });
    const dealKey = trpc.deals.get.queryKey({ id: "d1" });
    const activityKey = trpc.deals.activities.infiniteQueryKey({ id: "d1" });
    const boardKey = trpc.pipelines.board.queryKey({ pipelineId: "p1" });
    for (const key of [listKey, pendingKey, dealKey, activityKey, boardKey])
      queryClient.setQueryData(key, {} as never);
    await handleRealtimeEvent(
      deps,
      event("payment_status", {
        paymentId: "pay1",
        dealId: "d1",
        provider: "stripe",
        status: "paid",
        amount: "1500.50",
        refundedAmount: "0",
        currency: "BRL",
      }),
    );
    for (const key of [listKey, pendingKey, dealKey, activityKey, boardKey])
      expect(queryClient.getQueryState(key)?.isInvalidated).toBe(true);
  });

  it("on notification puts it on top of the bell's list and counts it, once", async () => {
    const { deps, queryClient, trpc } = setup();
    const key = trpc.notifications.list.infiniteQueryKey({ limit: 20 });
    queryClient.setQueryData(key, {
      pages: [{ items: [], nextCursor: null, unreadCount: 2 }],
      pageParams: [null],
    });
    const notification = event("notification", {
      id: "n1",
      type: "assignment",
      userId: "me",
      actor: { id: "u-ana", name: "Ana" },
      contact: { id: "ct-maria", name: "Maria" },
      readAt: null,
      createdAt: occurredAt,
      data: { conversationId: "a", previousAssignee: null, assignedBy: "u-ana" },
    });
    await handleRealtimeEvent(deps, notification);
    await handleRealtimeEvent(deps, notification);
    const page = queryClient.getQueryData(key)?.pages[0];
    expect(page?.unreadCount).toBe(3);
    expect(page?.items.map((item) => [item.id, item.actor?.name])).toEqual([["n1", "Ana"]]);
    expect(page?.items[0]).not.toHaveProperty("userId");
  });

  it("on notifications_read marks them read with the server's count, as another tab did", async () => {
    const { deps, queryClient, trpc } = setup();
    const key = trpc.notifications.list.infiniteQueryKey({ limit: 20 });
    const unread = (id: string) => ({
      id,
      type: "mention" as const,
      actor: null,
      contact: null,
      readAt: null,
      createdAt: occurredAt,
      data: { conversationId: "a", messageId: "m1", authorId: null, excerpt: "@me" },
    });
    queryClient.setQueryData(key, {
      pages: [{ items: [unread("n1"), unread("n2")], nextCursor: "c", unreadCount: 5 }],
      pageParams: [null],
    });
    await handleRealtimeEvent(
      deps,
      event("notifications_read", { userId: "me", ids: ["n2"], unreadCount: 4 }),
    );
    const page = queryClient.getQueryData(key)?.pages[0];
    expect(page?.items.map((item) => [item.id, item.readAt])).toEqual([
      ["n1", null],
      ["n2", occurredAt],
    ]);
    expect(page?.unreadCount).toBe(4);
    await handleRealtimeEvent(deps, event("notifications_read", { userId: "me", ids: null, unreadCount: 0 }));
    expect(queryClient.getQueryData(key)?.pages[0]?.items.every((item) => item.readAt !== null)).toBe(true);
  });

  it("on resync_required marks everything stale", async () => {
    const { deps, queryClient, allKey } = setup();
    queryClient.setQueryData(allKey, pagesOf({ items: [], nextCursor: null }));
    await handleRealtimeEvent(deps, event("resync_required", { reason: "expired" }));
    expect(queryClient.getQueryState(allKey)?.isInvalidated).toBe(true);
  });
});

describe("handleRealtimeEvent for the user's other tabs and the organization", () => {
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

  it("on organization_updated refetches the session's organization and the settings", async () => {
    const { deps, queryClient, trpc, allKey } = setup();
    const me = trpc.auth.me.queryKey();
    const settings = trpc.organizations.current.queryKey();
    const seeded: ReadonlyArray<readonly unknown[]> = [me, settings, allKey];
    for (const key of seeded) queryClient.setQueryData(key, {});
    await handleRealtimeEvent(deps, event("organization_updated", { changed: ["defaultCurrency"] }));
    expect(queryClient.getQueryState(me)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(settings)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(allKey)?.isInvalidated).toBe(false);
  });

  it("on team_updated refetches the team, and the session's own user when it is about them", async () => {
    const { deps, queryClient, trpc, allKey } = setup();
    const me: readonly unknown[] = trpc.auth.me.queryKey();
    const team: readonly unknown[] = trpc.users.list.queryKey();
    for (const key of [me, team, allKey]) queryClient.setQueryData(key, {});
    await handleRealtimeEvent(deps, event("team_updated", { userId: "u2", change: "updated" }));
    expect(queryClient.getQueryState(team)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(me)?.isInvalidated).toBe(false);
    expect(queryClient.getQueryState(allKey)?.isInvalidated).toBe(false);
    await handleRealtimeEvent(deps, event("team_updated", { userId: "me", change: "updated" }));
    expect(queryClient.getQueryState(me)?.isInvalidated).toBe(true);
  });

  it("on membership_changed (a promotion) marks everything stale: the new role may see more", async () => {
    const { deps, queryClient, trpc, allKey } = setup();
    const me: readonly unknown[] = trpc.auth.me.queryKey();
    queryClient.setQueryData(me, {});
    queryClient.setQueryData(allKey, pagesOf({ items: [], nextCursor: null }));
    await handleRealtimeEvent(deps, event("membership_changed", { userId: "me", role: "admin" }));
    expect(queryClient.getQueryState(trpc.auth.me.queryKey())?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(allKey)?.isInvalidated).toBe(true);
  });
});
