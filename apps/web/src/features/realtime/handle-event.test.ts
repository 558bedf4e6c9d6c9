import { describe, expect, it } from "vitest";
import { realtimeEvent as event, occurredAt, pagesOf, realtimeSetup as setup } from "./fixtures";
import { handleRealtimeEvent } from "./handle-event";

describe("handleRealtimeEvent", () => {
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
