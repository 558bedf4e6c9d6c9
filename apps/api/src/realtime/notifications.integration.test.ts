import { describe, expect, it } from "vitest";
import { createContact, insertConversation, insertMessage, publish } from "./testing/fixtures";
import { useRealtimeTestApi } from "./testing/realtime-test-api";

const rt = useRealtimeTestApi();

describe("notifications", () => {
  it("tells an agent, and only them, that a conversation was assigned to them; once per assignment", async () => {
    const owner = await rt.api.register();
    const agent = await rt.api.member(owner.token, "agent");
    const organizationId = owner.user.organizationId;
    const conversationId = await insertConversation(rt.api.container, organizationId, agent.user.id);
    const agentClient = await rt.connect({ token: agent.token });
    const ownerClient = await rt.connect({ token: owner.token });
    const assigned = {
      type: "conversation_assigned",
      organizationId,
      payload: { conversationId, assignedTo: agent.user.id, previousAssignee: null },
      occurredAt: new Date().toISOString(),
    };

    await rt.api.container.events.publish(assigned);
    await rt.api.container.events.publish(assigned);
    await agentClient.waitFor((r) => r.some((e) => e.event.type === "notification"));
    const list = await rt.api.trpc(agent.token).notifications.list.query({});
    expect(list.unreadCount).toBe(1);
    expect(list.items).toEqual([
      expect.objectContaining({
        type: "assignment",
        data: { conversationId, previousAssignee: null },
        readAt: null,
      }),
    ]);
    const notice = agentClient.received.find((e) => e.event.type === "notification");
    expect(notice?.event.payload).toMatchObject({ id: list.items[0]?.id, userId: agent.user.id });

    await publish(rt.api.container, organizationId, "message_updated", {
      conversationId,
      messageId: crypto.randomUUID(),
      deleted: false,
    });
    await ownerClient.waitFor((r) => r.some((e) => e.event.type === "message_updated"));
    expect(ownerClient.received.map((e) => e.event.type)).not.toContain("notification");
    expect((await rt.api.trpc(owner.token).notifications.list.query({})).items).toEqual([]);
  });

  it("tells a user mentioned in a private note, with cursor pages and read state", async () => {
    const owner = await rt.api.register();
    const admin = await rt.api.member(owner.token, "admin");
    const organizationId = owner.user.organizationId;
    const conversationId = await insertConversation(rt.api.container, organizationId, null);
    const adminClient = await rt.connect({ token: admin.token });
    // one at a time: notifications are listed in the order they were created, and creation is asynchronous
    for (const [index, text] of ["first", "second", "third"].entries()) {
      const messageId = await insertMessage(rt.api.container, organizationId, conversationId, {
        direction: "outbound",
        isPrivate: true,
        senderId: owner.user.id,
        content: `@${admin.user.email} ${text} look at this`,
      });
      await publish(rt.api.container, organizationId, "new_message", {
        conversationId,
        messageId,
        direction: "outbound",
        isPrivate: true,
      });
      await adminClient.waitFor((r) => r.filter((e) => e.event.type === "notification").length === index + 1);
    }

    const notifications = rt.api.trpc(admin.token).notifications;
    const page1 = await notifications.list.query({ limit: 2 });
    expect(page1.items.map((n) => n.type)).toEqual(["mention", "mention"]);
    expect(page1.items[0]?.data).toMatchObject({
      excerpt: expect.stringContaining("third"),
      authorId: owner.user.id,
    });
    const page2 = await notifications.list.query({ limit: 2, cursor: page1.nextCursor ?? "" });
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();

    const firstId = page1.items[0]?.id ?? "";
    expect(await notifications.markRead.mutate({ ids: [firstId] })).toEqual({ updated: 1, unreadCount: 2 });
    const unread = await notifications.list.query({ unreadOnly: true });
    expect(unread.items.map((n) => n.id)).not.toContain(firstId);
    expect(unread.unreadCount).toBe(2);
    expect(await notifications.markRead.mutate({ all: true })).toEqual({ updated: 2, unreadCount: 0 });
    expect((await notifications.list.query({})).unreadCount).toBe(0);
  });

  it("names who assigned the conversation and whose it is, live and in the list; assigning yourself is no news", async () => {
    const owner = await rt.api.register({ name: "Ana Ribeiro" });
    const agent = await rt.api.member(owner.token, "agent");
    const organizationId = owner.user.organizationId;
    const contactId = await createContact(rt.api, owner.token, "Maria Oliveira");
    const conversationId = await insertConversation(rt.api.container, organizationId, null);
    await rt.api.container.db.db
      .updateTable("conversations")
      .set({ contact_id: contactId })
      .where("id", "=", conversationId)
      .execute();
    const agentClient = await rt.connect({ token: agent.token });

    await rt.api
      .trpc(owner.token)
      .conversations.update.mutate({ id: conversationId, assignedTo: agent.user.id });
    await agentClient.waitFor((r) => r.some((e) => e.event.type === "notification"));
    const named = {
      type: "assignment",
      actor: { id: owner.user.id, name: "Ana Ribeiro" },
      contact: { id: contactId, name: "Maria Oliveira" },
      data: { conversationId, previousAssignee: null, assignedBy: owner.user.id },
    };
    expect(agentClient.received.find((e) => e.event.type === "notification")?.event.payload).toMatchObject(
      named,
    );
    expect((await rt.api.trpc(agent.token).notifications.list.query({})).items).toEqual([
      expect.objectContaining(named),
    ]);

    const ownerClient = await rt.connect({ token: owner.token });
    await rt.api
      .trpc(owner.token)
      .conversations.update.mutate({ id: conversationId, assignedTo: owner.user.id });
    await ownerClient.waitFor((r) => r.some((e) => e.event.type === "conversation_assigned"));
    // the listener runs on the same event: a notification would be there by the time a later one is
    await rt.api
      .trpc(owner.token)
      .conversations.update.mutate({ id: conversationId, assignedTo: agent.user.id });
    await agentClient.waitFor((r) => r.filter((e) => e.event.type === "notification").length === 2);
    expect((await rt.api.trpc(owner.token).notifications.list.query({})).items).toEqual([]);
  });

  it("tells the user's other tabs, and nobody else, what was marked read, with the count left", async () => {
    const owner = await rt.api.register();
    const admin = await rt.api.member(owner.token, "admin");
    const organizationId = owner.user.organizationId;
    const conversationId = await insertConversation(rt.api.container, organizationId, null);
    const otherTab = await rt.connect({ token: admin.token });
    const ownerClient = await rt.connect({ token: owner.token });
    for (const text of ["first", "second"]) {
      const messageId = await insertMessage(rt.api.container, organizationId, conversationId, {
        direction: "outbound",
        isPrivate: true,
        senderId: owner.user.id,
        content: `@${admin.user.email} ${text}`,
      });
      await publish(rt.api.container, organizationId, "new_message", {
        conversationId,
        messageId,
        direction: "outbound",
        isPrivate: true,
      });
    }
    await otherTab.waitFor((r) => r.filter((e) => e.event.type === "notification").length === 2);
    const notifications = rt.api.trpc(admin.token).notifications;
    const [newest] = (await notifications.list.query({})).items;

    expect(await notifications.markRead.mutate({ ids: [newest?.id ?? ""] })).toEqual({
      updated: 1,
      unreadCount: 1,
    });
    await otherTab.waitFor((r) => r.some((e) => e.event.type === "notifications_read"));
    expect(await notifications.markRead.mutate({ all: true })).toEqual({ updated: 1, unreadCount: 0 });
    await otherTab.waitFor((r) => r.filter((e) => e.event.type === "notifications_read").length === 2);
    expect(
      otherTab.received.filter((e) => e.event.type === "notifications_read").map((e) => e.event.payload),
    ).toEqual([
      { userId: admin.user.id, ids: [newest?.id], unreadCount: 1 },
      { userId: admin.user.id, ids: null, unreadCount: 0 },
    ]);
    // nothing left to mark: nothing to tell
    expect(await notifications.markRead.mutate({ all: true })).toEqual({ updated: 0, unreadCount: 0 });

    await publish(rt.api.container, organizationId, "message_updated", {
      conversationId,
      messageId: crypto.randomUUID(),
      deleted: false,
    });
    await otherTab.waitFor((r) => r.some((e) => e.event.type === "message_updated"));
    expect(otherTab.received.filter((e) => e.event.type === "notifications_read")).toHaveLength(2);
    await ownerClient.waitFor((r) => r.some((e) => e.event.type === "message_updated"));
    expect(ownerClient.received.map((e) => e.event.type)).not.toContain("notifications_read");
  });

  it("serves notifications over REST with the unread filter", async () => {
    const owner = await rt.api.register();
    const response = await rt.api.rest<{ items: unknown[]; unreadCount: number }>(
      "GET",
      "/notifications?unreadOnly=true",
      {
        token: owner.token,
      },
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
  });
});
