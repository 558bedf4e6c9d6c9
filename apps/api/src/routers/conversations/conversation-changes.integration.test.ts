import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { expectTenantIsolation } from "../../testing/tenant-isolation";
import {
  type ConversationDto,
  type ErrorDto,
  insertContact,
  insertConversation,
  insertIntegration,
  insertMessage,
  recordEvents,
  team as teamOf,
} from "./conversation-fixtures";

const api = useTestApi();

const team = () => teamOf(api);

describe("changing a conversation", () => {
  it("assigns with conversations:assign and announces it; agents get 403", async () => {
    const { organizationId, admin, agent } = await team();
    const conversationId = await insertConversation(api, organizationId);
    const recorder = recordEvents(api, organizationId, ["conversation_assigned", "conversation_updated"]);

    const refused = await api.rest<ErrorDto>("PATCH", `/conversations/${conversationId}`, {
      token: agent.token,
      body: { assignedTo: agent.user.id },
    });
    expect(refused.status).toBe(403);

    const res = await api.rest<ConversationDto>("PATCH", `/conversations/${conversationId}`, {
      token: admin.token,
      body: { assignedTo: agent.user.id },
    });
    expect(res.status).toBe(200);
    expect(res.body.assignee).toEqual({ id: agent.user.id, name: "A agent" });
    await recorder.expectEvent("conversation_assigned", {
      conversationId,
      assignedTo: agent.user.id,
      previousAssignee: null,
    });
    await recorder.expectEvent("conversation_updated", { conversationId, assignedTo: agent.user.id });

    const unassigned = await api.rest<ConversationDto>("PATCH", `/conversations/${conversationId}`, {
      token: admin.token,
      body: { assignedTo: null },
    });
    expect(unassigned.body.assignee).toBeNull();
    recorder.stop();
  });

  it("assigns only members who can answer conversations", async () => {
    const { owner, organizationId, viewer } = await team();
    const stranger = await api.register();
    const conversationId = await insertConversation(api, organizationId);
    for (const assignedTo of [viewer.user.id, stranger.user.id, randomUUID()]) {
      const res = await api.rest<ErrorDto>("PATCH", `/conversations/${conversationId}`, {
        token: owner.token,
        body: { assignedTo },
      });
      expect(res.status).toBe(400);
      expect(res.body.data.fieldErrors).toHaveProperty("assignedTo");
    }
  });

  it("snoozes only with a future snoozedUntil, and forgets it when reopened", async () => {
    const { organizationId, agent } = await team();
    const conversationId = await insertConversation(api, organizationId, { assignedTo: agent.user.id });
    const patch = (body: unknown) =>
      api.rest<ConversationDto & ErrorDto>("PATCH", `/conversations/${conversationId}`, {
        token: agent.token,
        body,
      });

    const missing = await patch({ status: "snoozed" });
    expect(missing.status).toBe(400);
    expect(missing.body.data.fieldErrors).toHaveProperty("snoozedUntil");
    expect((await patch({ status: "snoozed", snoozedUntil: "2001-01-01T00:00:00Z" })).status).toBe(400);

    const until = new Date(Date.now() + 3600_000).toISOString();
    const snoozed = await patch({ status: "snoozed", snoozedUntil: until });
    expect(snoozed.status).toBe(200);
    expect(snoozed.body).toMatchObject({ status: "snoozed", snoozedUntil: until });

    const reopened = await patch({ status: "open" });
    expect(reopened.body).toMatchObject({ status: "open", snoozedUntil: null });
    expect((await patch({ status: "closed" })).body.status).toBe("closed");
  });

  it("marks a conversation read", async () => {
    const { owner, organizationId } = await team();
    const conversationId = await insertConversation(api, organizationId, { unreadCount: 4 });
    const res = await api.rest<ConversationDto>("POST", `/conversations/${conversationId}/read`, {
      token: owner.token,
      body: {},
    });
    expect(res.status).toBe(200);
    expect(res.body.unreadCount).toBe(0);
  });

  it("deletes a conversation with its messages (owners and admins only)", async () => {
    const { organizationId, admin, agent } = await team();
    const conversationId = await insertConversation(api, organizationId);
    const messageId = await insertMessage(api, conversationId, { content: "Oi" });
    expect(
      (await api.rest("DELETE", `/conversations/${conversationId}`, { token: agent.token })).status,
    ).toBe(403);
    expect(
      (await api.rest("DELETE", `/conversations/${conversationId}`, { token: admin.token })).status,
    ).toBe(200);
    expect((await api.rest("GET", `/conversations/${conversationId}`, { token: admin.token })).status).toBe(
      404,
    );
    expect((await api.rest("GET", `/messages/${messageId}`, { token: admin.token })).status).toBe(404);
  });
});

describe("starting a conversation", () => {
  it("opens one on WhatsApp at the contact's number, once", async () => {
    const { owner, organizationId, agent } = await team();
    const contactId = await insertContact(api, organizationId, { phone: "+5511987654321" });
    const integrationId = await insertIntegration(api, organizationId, "whatsapp");
    const res = await api.rest<ConversationDto>("POST", "/conversations", {
      token: agent.token,
      body: { contactId, integrationId },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      channel: "whatsapp",
      status: "open",
      integrationId,
      assignee: null,
      contact: { id: contactId },
      lastMessageAt: null,
    });
    const thread = await api.container.db.db
      .selectFrom("conversations")
      .select("channel_thread_id")
      .where("id", "=", res.body.id)
      .executeTakeFirstOrThrow();
    expect(thread.channel_thread_id).toBe("5511987654321");

    const again = await api.rest<ErrorDto & { data: { existingId?: string } }>("POST", "/conversations", {
      token: owner.token,
      body: { contactId, integrationId },
    });
    expect(again.status).toBe(409);
    expect(again.body.data.existingId).toBe(res.body.id);
  });

  it("finds the customer's own WhatsApp thread when it lacks the ninth digit the contact's phone has", async () => {
    const { owner, organizationId } = await team();
    const contactId = await insertContact(api, organizationId, { phone: "+5511987654321" });
    const integrationId = await insertIntegration(api, organizationId, "whatsapp");
    // how Meta reported the customer who wrote first: without the 9
    const existingId = await insertConversation(api, organizationId, {
      contactId,
      integrationId,
      threadId: "551187654321",
    });

    const res = await api.rest<ErrorDto & { data: { existingId?: string } }>("POST", "/conversations", {
      token: owner.token,
      body: { contactId, integrationId },
    });

    expect(res.status).toBe(409);
    expect(res.body.data.existingId).toBe(existingId);
  });

  it("opens one per number: the customer's conversation with another WhatsApp number is not this one", async () => {
    const { owner, organizationId } = await team();
    const contactId = await insertContact(api, organizationId, { phone: "+5511912345678" });
    const sales = await insertIntegration(api, organizationId, "whatsapp");
    const support = await insertIntegration(api, organizationId, "whatsapp");
    const start = (integrationId: string) =>
      api.rest<ConversationDto>("POST", "/conversations", {
        token: owner.token,
        body: { contactId, integrationId },
      });

    const withSales = await start(sales);
    const withSupport = await start(support);

    expect([withSales.status, withSupport.status]).toEqual([201, 201]);
    expect(withSupport.body.id).not.toBe(withSales.body.id);
    expect(withSupport.body.integrationId).toBe(support);
    expect((await start(support)).status).toBe(409);
  });

  it("tells an agent the conversation exists without naming one another agent handles", async () => {
    const { owner, organizationId, agent } = await team();
    const contactId = await insertContact(api, organizationId, { phone: "+5521912345678" });
    const integrationId = await insertIntegration(api, organizationId, "whatsapp");
    const started = await api.rest<ConversationDto>("POST", "/conversations", {
      token: owner.token,
      body: { contactId, integrationId, assignedTo: owner.user.id },
    });
    expect(started.status).toBe(201);

    const res = await api.rest<ErrorDto & { data?: { existingId?: string } }>("POST", "/conversations", {
      token: agent.token,
      body: { contactId, integrationId },
    });

    expect(res.status).toBe(409);
    expect(JSON.stringify(res.body)).not.toContain(started.body.id);
  });

  it("assigns at once only with conversations:assign", async () => {
    const { owner, organizationId, agent } = await team();
    const contactId = await insertContact(api, organizationId, { phone: "+5521987654321" });
    const integrationId = await insertIntegration(api, organizationId, "whatsapp");
    const body = { contactId, integrationId, assignedTo: agent.user.id };
    expect((await api.rest("POST", "/conversations", { token: agent.token, body })).status).toBe(403);
    const res = await api.rest<ConversationDto>("POST", "/conversations", { token: owner.token, body });
    expect(res.body.assignee?.id).toBe(agent.user.id);
  });

  it("refuses what cannot be reached", async () => {
    const { owner, organizationId } = await team();
    const noPhone = await insertContact(api, organizationId);
    const whatsapp = await insertIntegration(api, organizationId, "whatsapp");
    const telegram = await insertIntegration(api, organizationId, "telegram");
    const inactive = await insertIntegration(api, organizationId, "whatsapp", false);
    const withPhone = await insertContact(api, organizationId, { phone: "+5531987654321" });
    const start = (contactId: string, integrationId: string) =>
      api.rest<ErrorDto>("POST", "/conversations", {
        token: owner.token,
        body: { contactId, integrationId },
      });

    expect((await start(noPhone, whatsapp)).status).toBe(422);
    expect((await start(withPhone, telegram)).status).toBe(422);
    const off = await start(withPhone, inactive);
    expect(off.status).toBe(422);
    expect(off.body.message).toMatch(/inactive/);
    expect((await start(randomUUID(), whatsapp)).status).toBe(404);
    expect((await start(withPhone, randomUUID())).status).toBe(404);
  });
});

describe("tenant isolation", () => {
  it("answers 404 to another organization on every conversation procedure", async () => {
    await expectTenantIsolation(
      api,
      async (token) => {
        const organization = await api.rest<{ id: string }>("GET", "/organizations/current", { token });
        return insertConversation(api, organization.body.id);
      },
      [
        { name: "get", call: (token, id) => api.rest("GET", `/conversations/${id}`, { token }) },
        {
          name: "update",
          call: (token, id) =>
            api.rest("PATCH", `/conversations/${id}`, { token, body: { status: "closed" } }),
        },
        {
          name: "claim",
          call: (token, id) => api.rest("POST", `/conversations/${id}/claim`, { token, body: {} }),
        },
        {
          name: "release",
          call: (token, id) => api.rest("POST", `/conversations/${id}/release`, { token, body: {} }),
        },
        { name: "delete", call: (token, id) => api.rest("DELETE", `/conversations/${id}`, { token }) },
        {
          name: "mark read",
          call: (token, id) => api.rest("POST", `/conversations/${id}/read`, { token, body: {} }),
        },
        {
          name: "messages",
          call: (token, id) => api.rest("GET", `/conversations/${id}/messages`, { token }),
        },
        {
          name: "send",
          call: (token, id) =>
            api.rest("POST", `/conversations/${id}/messages`, {
              token,
              body: { text: "nota", isPrivate: true },
            }),
        },
        {
          name: "search in",
          call: (token, id) => api.rest("GET", `/messages?q=ola&conversationId=${id}`, { token }),
        },
      ],
    );
  });
});
