import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { expectTenantIsolation } from "../../testing/tenant-isolation";
import {
  type ConversationDto,
  type ErrorDto,
  insertConversation,
  insertIntegration,
  insertMessage,
  type MessageDto,
  type PageDto,
  recordEvents,
  type SearchHitDto,
} from "../conversations/conversation-fixtures";

const api = useTestApi();

const messageCount = async (conversationId: string) =>
  Number(
    (
      await api.container.db.db
        .selectFrom("messages")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("conversation_id", "=", conversationId)
        .executeTakeFirstOrThrow()
    ).n,
  );

const send = (token: string, conversationId: string, body: unknown) =>
  api.rest<MessageDto & ErrorDto>("POST", `/conversations/${conversationId}/messages`, { token, body });

const search = (token: string, query: string) =>
  api.rest<PageDto<SearchHitDto>>("GET", `/messages?${query}`, { token });

describe("writing in a conversation", () => {
  it("keeps a private note for the team without sending it or touching the inbox line", async () => {
    const owner = await api.register();
    const conversationId = await insertConversation(api, owner.organization.id, {
      lastInboundMinutesAgo: 3 * 24 * 60,
      preview: "Olá",
    });
    const recorder = recordEvents(api, owner.organization.id, ["new_message"]);
    const res = await send(owner.token, conversationId, {
      text: "Cliente VIP, oferecer frete grátis",
      isPrivate: true,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      direction: "outbound",
      senderType: "agent",
      senderId: owner.user.id,
      isPrivate: true,
      status: null,
      content: "Cliente VIP, oferecer frete grátis",
    });
    await recorder.expectEvent("new_message", { conversationId, messageId: res.body.id, isPrivate: true });
    const conversation = await api.rest<ConversationDto>("GET", `/conversations/${conversationId}`, {
      token: owner.token,
    });
    expect(conversation.body.lastMessagePreview).toBe("Olá");
    recorder.stop();
  });

  it("refuses free text on WhatsApp 24 hours after the customer's last message, storing nothing", async () => {
    const owner = await api.register();
    const stale = await insertConversation(api, owner.organization.id, {
      lastInboundMinutesAgo: 24 * 60 + 1,
    });
    const never = await insertConversation(api, owner.organization.id, { lastInboundMinutesAgo: null });
    for (const conversationId of [stale, never]) {
      const res = await send(owner.token, conversationId, { text: "Oi, tudo bem?" });
      expect(res.status).toBe(422);
      expect(res.body.message).toMatch(/24 hours/);
      expect(await messageCount(conversationId)).toBe(0);
    }
  });

  it("refuses to send through an inactive or a removed integration", async () => {
    const owner = await api.register();
    const organizationId = owner.organization.id;
    const inactive = await insertConversation(api, organizationId, {
      channel: "telegram",
      integrationId: await insertIntegration(api, organizationId, "telegram", false),
    });
    const removed = await insertConversation(api, organizationId, {
      channel: "telegram",
      integrationId: null,
    });
    const off = await send(owner.token, inactive, { text: "Olá" });
    expect(off.status).toBe(422);
    expect(off.body.message).toMatch(/inactive/);
    const gone = await send(owner.token, removed, { text: "Olá" });
    expect(gone.status).toBe(422);
    expect(gone.body.message).toMatch(/no telegram integration/);
    expect(await messageCount(inactive)).toBe(0);
    expect(await messageCount(removed)).toBe(0);
    // notes need no channel
    expect((await send(owner.token, removed, { text: "Ligar amanhã", isPrivate: true })).status).toBe(201);
  });

  it("refuses blank text and text over the channel's limit", async () => {
    const owner = await api.register();
    const conversationId = await insertConversation(api, owner.organization.id, { channel: "discord" });
    expect((await send(owner.token, conversationId, { text: "   " })).status).toBe(400);
    const long = await send(owner.token, conversationId, { text: "a".repeat(2001) });
    expect(long.status).toBe(400);
    expect(long.body.data.fieldErrors).toHaveProperty("text");
  });

  it("is not for viewers", async () => {
    const owner = await api.register();
    const viewer = await api.member(owner.token, "viewer");
    const conversationId = await insertConversation(api, owner.organization.id);
    expect((await send(viewer.token, conversationId, { text: "Oi", isPrivate: true })).status).toBe(403);
  });
});

describe("reading a conversation", () => {
  it("answers its messages newest first, page by page", async () => {
    const owner = await api.register();
    const conversationId = await insertConversation(api, owner.organization.id);
    const contents = ["um", "dois", "três", "quatro", "cinco"];
    for (const [index, content] of contents.entries()) {
      await insertMessage(api, conversationId, { content, minutesAgo: 10 - index });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const res = await api.rest<PageDto<MessageDto>>(
        "GET",
        `/conversations/${conversationId}/messages?limit=2${query}`,
        {
          token: owner.token,
        },
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((m) => m.content));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...contents].reverse());
  });
});

describe("deleting a message", () => {
  it("erases its content, media and metadata, keeps it as deleted, and fixes the inbox line", async () => {
    const owner = await api.register();
    const organizationId = owner.organization.id;
    const conversationId = await insertConversation(api, organizationId, {
      preview: "Meu CPF é 123.456.789-00",
    });
    await insertMessage(api, conversationId, { content: "Bom dia", minutesAgo: 5 });
    const messageId = await insertMessage(api, conversationId, {
      content: "Meu CPF é 123.456.789-00",
      minutesAgo: 1,
      mediaUrl: "https://files.example.com/cpf.jpg",
    });
    const recorder = recordEvents(api, organizationId, ["message_updated"]);

    const res = await api.rest<MessageDto>("DELETE", `/messages/${messageId}`, { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: messageId, content: "", media: null });
    expect(res.body.deletedAt).toEqual(expect.any(String));
    await recorder.expectEvent("message_updated", { conversationId, messageId, deleted: true });

    const row = await api.container.db.db
      .selectFrom("messages")
      .select(["content", "media_url", "metadata", "deleted_at"])
      .where("id", "=", messageId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ content: "", media_url: null, metadata: {} });
    const conversation = await api.rest<ConversationDto>("GET", `/conversations/${conversationId}`, {
      token: owner.token,
    });
    expect(conversation.body.lastMessagePreview).toBe("Bom dia");
    const again = await api.rest<MessageDto>("GET", `/messages/${messageId}`, { token: owner.token });
    expect(again.body.content).toBe("");
    expect((await search(owner.token, "q=CPF")).body.items).toEqual([]);
    recorder.stop();
  });
});

describe("who may delete a message", () => {
  it("lets an agent delete only what they sent; owners and admins delete any message they see", async () => {
    const owner = await api.register();
    const organizationId = owner.organization.id;
    const agent = await api.member(owner.token, "agent");
    const colleague = await api.member(owner.token, "agent");
    const admin = await api.member(owner.token, "admin");
    const conversationId = await insertConversation(api, organizationId, { lastInboundMinutesAgo: 5 });
    const customers = await insertMessage(api, conversationId, {
      content: "Meu pedido atrasou",
      minutesAgo: 5,
    });
    const note = async (token: string, text: string) =>
      (await send(token, conversationId, { text, isPrivate: true })).body.id;
    const agentsNote = await note(agent.token, "vou verificar");
    const colleaguesNote = await note(colleague.token, "já falei com a transportadora");
    const remove = (token: string, id: string) => api.rest<ErrorDto>("DELETE", `/messages/${id}`, { token });

    for (const id of [customers, colleaguesNote]) {
      const refused = await remove(agent.token, id);
      expect(refused.status).toBe(403);
      expect(refused.body.message).toMatch(/Only owners and admins delete messages they did not send/);
    }
    const kept = await api.container.db.db
      .selectFrom("messages")
      .select(["id", "content", "deleted_at"])
      .where("id", "in", [customers, colleaguesNote])
      .execute();
    expect(kept.every((row) => row.content !== "" && row.deleted_at === null)).toBe(true);

    expect((await remove(agent.token, agentsNote)).status).toBe(200);
    expect((await remove(admin.token, colleaguesNote)).status).toBe(200);
    expect((await remove(owner.token, customers)).status).toBe(200);
  });
});

describe("deleting an inbound message", () => {
  it("takes it off the unread count only when it was one of the unread ones", async () => {
    const owner = await api.register();
    const organizationId = owner.organization.id;
    const unreadOf = async (id: string) =>
      (await api.rest<ConversationDto>("GET", `/conversations/${id}`, { token: owner.token })).body
        .unreadCount;
    // both messages unread
    const bothUnread = await insertConversation(api, organizationId, { unreadCount: 2 });
    const first = await insertMessage(api, bothUnread, { content: "Oi", minutesAgo: 2 });
    await insertMessage(api, bothUnread, { content: "Tem boleto?", minutesAgo: 1 });
    // only the newest unread: the first was read before the second arrived
    const newestUnread = await insertConversation(api, organizationId, { unreadCount: 1 });
    const read = await insertMessage(api, newestUnread, { content: "Oi", minutesAgo: 2 });
    await insertMessage(api, newestUnread, { content: "Tem boleto?", minutesAgo: 1 });

    expect((await api.rest("DELETE", `/messages/${first}`, { token: owner.token })).status).toBe(200);
    expect((await api.rest("DELETE", `/messages/${read}`, { token: owner.token })).status).toBe(200);

    expect(await unreadOf(bothUnread)).toBe(1);
    expect(await unreadOf(newestUnread)).toBe(1);
  });

  it("tells apart messages stored in the same millisecond, as a batch's are, by their time-ordered ids", async () => {
    const owner = await api.register();
    const conversationId = await insertConversation(api, owner.organization.id, { unreadCount: 1 });
    const older = await insertMessage(api, conversationId, { content: "Oi", minutesAgo: 2 });
    const newer = await insertMessage(api, conversationId, { content: "Tem boleto?", minutesAgo: 1 });
    await api.container.db.db
      .updateTable("messages")
      .set({ created_at: new Date("2026-11-27T10:00:00.123Z") })
      .where("id", "in", [older, newer])
      .execute();

    expect((await api.rest("DELETE", `/messages/${older}`, { token: owner.token })).status).toBe(200);
    const conversation = await api.rest<ConversationDto>("GET", `/conversations/${conversationId}`, {
      token: owner.token,
    });
    // the unread one is the newer: deleting the older one leaves it unread
    expect(conversation.body.unreadCount).toBe(1);
  });
});

describe("NUL in a search", () => {
  it("refuses a query holding NUL (U+0000) with 400, as it does the text of a message", async () => {
    const owner = await api.register();
    const nul = "Text must not contain the NUL character (U+0000)";
    const res = await api.rest<ErrorDto>("GET", "/messages?q=a%00b", { token: owner.token });
    expect(res.status).toBe(400);
    expect(res.body.data.fieldErrors).toEqual({ q: [nul] });
    const conversationId = await insertConversation(api, owner.organization.id);
    const sent = await send(owner.token, conversationId, { text: "oi\u0000x", isPrivate: true });
    expect(sent.status).toBe(400);
    expect(sent.body.data.fieldErrors).toEqual({ text: [nul] });
    expect(await messageCount(conversationId)).toBe(0);
  });
});

describe("tenant isolation", () => {
  it("answers 404 to another organization on every message procedure", async () => {
    await expectTenantIsolation(
      api,
      async (token) => {
        const organization = await api.rest<{ id: string }>("GET", "/organizations/current", { token });
        const conversationId = await insertConversation(api, organization.body.id);
        return insertMessage(api, conversationId, { content: "Olá" });
      },
      [
        { name: "get", call: (token, id) => api.rest("GET", `/messages/${id}`, { token }) },
        { name: "delete", call: (token, id) => api.rest("DELETE", `/messages/${id}`, { token }) },
        {
          name: "retry",
          call: (token, id) => api.rest("POST", `/messages/${id}/retry`, { token, body: {} }),
        },
      ],
    );
  });
});
