import { describe, expect, it } from "vitest";
import { expectTenantIsolation } from "../testing/tenant-isolation";
import { contactIdOf, createContact, insertConversation, insertMessage, publish } from "./testing/fixtures";
import { useRealtimeTestApi } from "./testing/realtime-test-api";

const rt = useRealtimeTestApi();

describe("per-user read state", () => {
  it("counts each user's unread inbound messages; marking read clears only the reader's", async () => {
    const owner = await rt.api.register();
    const admin = await rt.api.member(owner.token, "admin");
    const organizationId = owner.user.organizationId;
    const conversationId = await insertConversation(rt.api.container, organizationId, null);
    for (let i = 0; i < 3; i += 1)
      await insertMessage(rt.api.container, organizationId, conversationId, { direction: "inbound" });
    await insertMessage(rt.api.container, organizationId, conversationId, { direction: "outbound" });
    const ownerApi = rt.api.trpc(owner.token).realtime;
    const adminApi = rt.api.trpc(admin.token).realtime;

    expect(await ownerApi.unreadCounts.query({ conversationIds: [conversationId] })).toEqual([
      { conversationId, unread: 3 },
    ]);
    const read = await ownerApi.markAsRead.mutate({ conversationId });
    expect(read).toMatchObject({ conversationId, unread: 0 });
    expect(await ownerApi.unreadCounts.query({ conversationIds: [conversationId] })).toEqual([
      { conversationId, unread: 0 },
    ]);
    expect(await adminApi.unreadCounts.query({ conversationIds: [conversationId] })).toEqual([
      { conversationId, unread: 3 },
    ]);

    await new Promise((resolve) => setTimeout(resolve, 5));
    await insertMessage(rt.api.container, organizationId, conversationId, { direction: "inbound" });
    expect(await ownerApi.unreadCounts.query({ conversationIds: [conversationId] })).toEqual([
      { conversationId, unread: 1 },
    ]);
  });

  it("puts each user's own unread count in the conversation list", async () => {
    const owner = await rt.api.register();
    const admin = await rt.api.member(owner.token, "admin");
    const organizationId = owner.user.organizationId;
    const read = await insertConversation(rt.api.container, organizationId, null);
    const unread = await insertConversation(rt.api.container, organizationId, null);
    for (const conversationId of [read, unread, unread])
      await insertMessage(rt.api.container, organizationId, conversationId, { direction: "inbound" });
    await rt.api.trpc(owner.token).realtime.markAsRead.mutate({ conversationId: read });

    const listed = async (token: string) => {
      const res = await rt.api.rest<{ items: Array<{ id: string; unread?: number }> }>(
        "GET",
        "/conversations",
        {
          token,
        },
      );
      expect(res.status).toBe(200);
      return Object.fromEntries(res.body.items.map((item) => [item.id, item.unread]));
    };
    expect(await listed(owner.token)).toEqual({ [read]: 0, [unread]: 2 });
    expect(await listed(admin.token)).toEqual({ [read]: 1, [unread]: 2 });
  });

  it("puts the receiving user's unread count in conversation_updated", async () => {
    const owner = await rt.api.register();
    const admin = await rt.api.member(owner.token, "admin");
    const organizationId = owner.user.organizationId;
    const conversationId = await insertConversation(rt.api.container, organizationId, null);
    for (let i = 0; i < 2; i += 1)
      await insertMessage(rt.api.container, organizationId, conversationId, { direction: "inbound" });
    await rt.api.trpc(owner.token).realtime.markAsRead.mutate({ conversationId });
    const ownerClient = await rt.connect({ token: owner.token });
    const adminClient = await rt.connect({ token: admin.token });

    await publish(rt.api.container, organizationId, "conversation_updated", {
      conversationId,
      status: "open",
      assignedTo: null,
      lastMessageAt: new Date().toISOString(),
    });

    await ownerClient.waitFor((r) => r.length === 1);
    await adminClient.waitFor((r) => r.length === 1);
    expect(ownerClient.received[0]?.event.payload).toMatchObject({ conversationId, unread: 0 });
    expect(adminClient.received[0]?.event.payload).toMatchObject({ conversationId, unread: 2 });
  });

  it("puts the receiving user's unread count in an inbound new_message, not in an outbound one", async () => {
    const owner = await rt.api.register();
    const admin = await rt.api.member(owner.token, "admin");
    const organizationId = owner.user.organizationId;
    const conversationId = await insertConversation(rt.api.container, organizationId, null);
    for (let i = 0; i < 2; i += 1)
      await insertMessage(rt.api.container, organizationId, conversationId, { direction: "inbound" });
    await rt.api.trpc(owner.token).realtime.markAsRead.mutate({ conversationId });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const inbound = await insertMessage(rt.api.container, organizationId, conversationId, {
      direction: "inbound",
    });
    const ownerClient = await rt.connect({ token: owner.token });
    const adminClient = await rt.connect({ token: admin.token });

    const newMessage = (messageId: string, direction: "inbound" | "outbound") =>
      publish(rt.api.container, organizationId, "new_message", {
        conversationId,
        messageId,
        direction,
        isPrivate: false,
        assignedTo: null,
      });
    await newMessage(inbound, "inbound");
    await newMessage(inbound, "outbound");

    await ownerClient.waitFor((r) => r.length === 2);
    await adminClient.waitFor((r) => r.length === 2);
    expect(ownerClient.received.map((r) => r.event.payload)).toEqual([
      expect.objectContaining({ messageId: inbound, unread: 1 }),
      expect.not.objectContaining({ unread: expect.anything() }),
    ]);
    expect(adminClient.received[0]?.event.payload).toMatchObject({ messageId: inbound, unread: 3 });
  });

  it("tells every tab of the reader, and only the reader, that a conversation was read", async () => {
    const owner = await rt.api.register();
    const admin = await rt.api.member(owner.token, "admin");
    const organizationId = owner.user.organizationId;
    const conversationId = await insertConversation(rt.api.container, organizationId, null);
    await insertMessage(rt.api.container, organizationId, conversationId, { direction: "inbound" });
    const firstTab = await rt.connect({ token: owner.token });
    const secondTab = await rt.connect({ token: owner.token });
    const teammate = await rt.connect({ token: admin.token });

    const read = await rt.api.trpc(owner.token).realtime.markAsRead.mutate({ conversationId });
    const last = await createContact(rt.api, owner.token, "after the read");

    const conversationRead = {
      type: "conversation_read",
      payload: { conversationId, userId: owner.user.id, lastReadAt: read.lastReadAt, unread: 0 },
    };
    for (const tab of [firstTab, secondTab]) {
      await tab.waitFor((r) => r.some((e) => contactIdOf(e) === last));
      expect(tab.received.map((e) => e.event)).toEqual([
        expect.objectContaining(conversationRead),
        expect.objectContaining({ type: "contact_updated" }),
      ]);
    }
    // events reach a replica in publish order: the later contact came, the read had its chance
    await teammate.waitFor((r) => r.some((e) => contactIdOf(e) === last));
    expect(teammate.received.map((e) => e.event.type)).toEqual(["contact_updated"]);
  });

  it("keeps an agent to the conversations they may see", async () => {
    const owner = await rt.api.register();
    const agent = await rt.api.member(owner.token, "agent");
    const organizationId = owner.user.organizationId;
    const theirs = await insertConversation(rt.api.container, organizationId, owner.user.id);
    const open = await insertConversation(rt.api.container, organizationId, null);
    const agentApi = rt.api.trpc(agent.token).realtime;

    await expect(agentApi.markAsRead.mutate({ conversationId: theirs })).rejects.toMatchObject({
      data: { code: "NOT_FOUND" },
    });
    expect(await agentApi.unreadCounts.query({ conversationIds: [theirs, open] })).toEqual([
      { conversationId: open, unread: 0 },
    ]);
  });

  it("answers 404 to another organization marking a conversation read over REST", async () => {
    await expectTenantIsolation(
      rt.api,
      async (ownerToken) => {
        const me = await rt.api.trpc(ownerToken).auth.me.query();
        return insertConversation(rt.api.container, me.user.organizationId, null);
      },
      [
        {
          name: "POST /conversations/{id}/mark-as-read",
          call: (token, id) => rt.api.rest("POST", `/conversations/${id}/mark-as-read`, { token, body: {} }),
        },
      ],
    );
  });
});
