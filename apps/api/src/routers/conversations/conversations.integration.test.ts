import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../testing/harness";
import { expectTenantIsolation } from "../../testing/tenant-isolation";
import {
  type ConversationDto,
  type ErrorDto,
  insertContact,
  insertConversation,
  insertIntegration,
  insertMessage,
  type PageDto,
  recordEvents,
} from "./conversation-fixtures";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

async function team() {
  const owner = await api.register();
  const organizationId = owner.organization.id;
  const admin = await api.member(owner.token, "admin");
  const agent = await api.member(owner.token, "agent");
  const otherAgent = await api.member(owner.token, "agent");
  const viewer = await api.member(owner.token, "viewer");
  return { owner, organizationId, admin, agent, otherAgent, viewer };
}

const list = (token: string, query = "") =>
  api.rest<PageDto<ConversationDto>>("GET", `/conversations${query}`, { token });

const ids = (res: { body: PageDto<ConversationDto> }) => res.body.items.map((c) => c.id);

describe("the inbox", () => {
  it("lists conversations newest activity first, those without messages last, with what the inbox shows", async () => {
    const { owner, organizationId, agent } = await team();
    const contactId = await insertContact(api, organizationId, {
      name: "João Pereira",
      phone: "+5511987654321",
      email: "joao@example.com",
    });
    const old = await insertConversation(api, organizationId, { lastMessageMinutesAgo: 60 });
    const fresh = await insertConversation(api, organizationId, {
      contactId,
      lastMessageMinutesAgo: 1,
      assignedTo: agent.user.id,
      unreadCount: 3,
      preview: "Quero fechar o pedido",
    });
    const quiet = await insertConversation(api, organizationId, { lastMessageMinutesAgo: null });

    const res = await list(owner.token);
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual([fresh, old, quiet]);
    expect(res.body.items[0]).toMatchObject({
      channel: "whatsapp",
      status: "open",
      contact: { id: contactId, name: "João Pereira", phone: "+5511987654321", email: "joao@example.com" },
      assignee: { id: agent.user.id, name: "A agent" },
      unreadCount: 3,
      lastMessagePreview: "Quero fechar o pedido",
      snoozedUntil: null,
    });
    expect(res.body.items[0]?.lastMessageAt).toEqual(expect.any(String));
    expect(res.body.items[2]?.lastMessageAt).toBeNull();
  });

  it("filters by status, assignee, channel, contact and unread", async () => {
    const { owner, organizationId, agent } = await team();
    const contactId = await insertContact(api, organizationId);
    const mine = await insertConversation(api, organizationId, { assignedTo: owner.user.id, unreadCount: 2 });
    const agents = await insertConversation(api, organizationId, {
      assignedTo: agent.user.id,
      status: "pending",
    });
    const telegram = await insertConversation(api, organizationId, { channel: "telegram", contactId });
    const closed = await insertConversation(api, organizationId, { status: "closed", contactId });

    const by = async (query: string) => ids(await list(owner.token, query)).sort();
    expect(await by("?status=pending")).toEqual([agents]);
    expect(await by("?status=closed")).toEqual([closed]);
    expect(await by("?assignee=me")).toEqual([mine]);
    expect(await by(`?assignee=${agent.user.id}`)).toEqual([agents]);
    expect(await by("?assignee=unassigned")).toEqual([telegram, closed].sort());
    expect(await by("?channel=telegram")).toEqual([telegram]);
    expect(await by(`?contactId=${contactId}`)).toEqual([telegram, closed].sort());
    expect(await by("?unread=true")).toEqual([mine]);
    expect(await by("?unread=false&status=open")).toEqual([telegram]);
    expect(await by(`?contactId=${contactId}&status=open`)).toEqual([telegram]);
  });

  it("refuses a filter it cannot read", async () => {
    const { owner } = await team();
    expect((await list(owner.token, "?status=archived")).status).toBe(400);
    expect((await list(owner.token, "?assignee=somebody")).status).toBe(400);
    expect((await list(owner.token, "?cursor=not-a-cursor")).status).toBe(400);
  });

  it("pages through every conversation once, across those without messages", async () => {
    const { owner, organizationId } = await team();
    const expected: string[] = [];
    for (const minutes of [1, 2, 3, 4, 5]) {
      expected.push(await insertConversation(api, organizationId, { lastMessageMinutesAgo: minutes }));
    }
    const quiet = [
      await insertConversation(api, organizationId, { lastMessageMinutesAgo: null }),
      await insertConversation(api, organizationId, { lastMessageMinutesAgo: null }),
      await insertConversation(api, organizationId, { lastMessageMinutesAgo: null }),
    ].sort((a, b) => b.localeCompare(a));
    expected.push(...quiet);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const res = await list(owner.token, query);
      expect(res.status).toBe(200);
      seen.push(...ids(res));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual(expected);
    expect(pages).toBe(4);
  });
});

describe("what agents see", () => {
  it("lists only the agent's own and the unassigned conversations; viewers and admins see all", async () => {
    const { organizationId, admin, agent, otherAgent, viewer } = await team();
    const theirs = await insertConversation(api, organizationId, { assignedTo: otherAgent.user.id });
    const mine = await insertConversation(api, organizationId, { assignedTo: agent.user.id });
    const open = await insertConversation(api, organizationId);

    expect(ids(await list(agent.token)).sort()).toEqual([mine, open].sort());
    expect(ids(await list(agent.token, `?assignee=${otherAgent.user.id}`))).toEqual([]);
    for (const token of [admin.token, viewer.token]) {
      expect(ids(await list(token)).sort()).toEqual([theirs, mine, open].sort());
    }
  });

  it("answers 404 for another agent's conversation on every procedure", async () => {
    const { owner, organizationId, agent, otherAgent } = await team();
    const theirs = await insertConversation(api, organizationId, { assignedTo: otherAgent.user.id });
    const message = await insertMessage(api, theirs, { content: "Pode me mandar o boleto?" });
    const calls: Array<[string, string, unknown?]> = [
      ["GET", `/conversations/${theirs}`],
      ["PATCH", `/conversations/${theirs}`, { status: "closed" }],
      ["POST", `/conversations/${theirs}/read`, {}],
      ["GET", `/conversations/${theirs}/messages`],
      ["POST", `/conversations/${theirs}/messages`, { text: "Olá", isPrivate: true }],
      ["GET", `/messages/${message}`],
      ["DELETE", `/messages/${message}`],
      ["POST", `/messages/${message}/retry`, {}],
      ["GET", `/messages?q=boleto&conversationId=${theirs}`],
    ];
    for (const [method, path, body] of calls) {
      const res = await api.rest<ErrorDto>(method, path, { token: agent.token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      const own = await api.rest(method, path, { token: otherAgent.token, body });
      expect(own.status, `${method} ${path} by its agent`).not.toBe(404);
    }
    // deleting needs conversations:assign, which an agent never has: the answer says nothing of the id
    expect((await api.rest("DELETE", `/conversations/${theirs}`, { token: agent.token })).status).toBe(403);
    expect((await api.rest("DELETE", `/conversations/${theirs}`, { token: owner.token })).status).toBe(200);
  });
});

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
    expect(res.status, JSON.stringify(res.body)).toBe(200);
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
