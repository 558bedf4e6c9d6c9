import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import {
  type ConversationDto,
  type ErrorDto,
  insertContact,
  insertConversation,
  insertMessage,
  type PageDto,
  team as teamOf,
} from "./conversation-fixtures";

const api = useTestApi();

const team = () => teamOf(api);

const list = (token: string, query = "") =>
  api.rest<PageDto<ConversationDto>>("GET", `/conversations${query}`, { token });

/** A row of the list: with the caller's own `unread`. */
type ListedDto = ConversationDto & { unread?: number };

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
    const mine = await insertConversation(api, organizationId, { assignedTo: owner.user.id });
    await insertMessage(api, mine, { content: "Ainda tem o café em grãos?" });
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

  it("filters unread by the caller's own reads, as each one's badge counts: two users, two answers", async () => {
    const { owner, organizationId, agent } = await team();
    const [readByOwner, readByAgent, readByNobody] = [
      await insertConversation(api, organizationId, { unreadCount: 1 }),
      await insertConversation(api, organizationId, { unreadCount: 1 }),
      // the team's count says read (someone answered): the customer's message is still unread to each of them
      await insertConversation(api, organizationId, { unreadCount: 0 }),
    ];
    for (const id of [readByOwner, readByAgent, readByNobody]) {
      await insertMessage(api, id, { content: "Qual o prazo de entrega?", minutesAgo: 3 });
    }
    // only our side wrote, though the team's count says otherwise: nothing for anyone to read
    const ours = await insertConversation(api, organizationId, { unreadCount: 2 });
    await insertMessage(api, ours, { content: "Seu pedido saiu", direction: "outbound" });
    const read = (token: string, id: string) =>
      api.rest("POST", `/conversations/${id}/mark-as-read`, { token, body: {} });
    expect((await read(owner.token, readByOwner)).status).toBe(200);
    expect((await read(agent.token, readByAgent)).status).toBe(200);

    const by = async (token: string, query: string) => ids(await list(token, query)).sort();
    expect(await by(owner.token, "?unread=true")).toEqual([readByAgent, readByNobody].sort());
    expect(await by(owner.token, "?unread=false")).toEqual([readByOwner, ours].sort());
    expect(await by(agent.token, "?unread=true")).toEqual([readByOwner, readByNobody].sort());
    expect(await by(agent.token, "?unread=false")).toEqual([readByAgent, ours].sort());
    const overTrpc = await api.trpc(agent.token).conversations.list.query({ unread: true });
    expect(overTrpc.items.map((c) => c.id).sort()).toEqual([readByOwner, readByNobody].sort());

    // the filter and the badge of the same list agree, row by row
    for (const token of [owner.token, agent.token]) {
      const badged = (await list(token)).body.items
        .filter((c: ListedDto) => (c.unread ?? 0) > 0)
        .map((c) => c.id);
      expect(badged.sort()).toEqual(await by(token, "?unread=true"));
    }
    // an API key has no reads of its own (no badge): it filters by the team's count
    const key = await api.trpc(owner.token).apiKeys.create.mutate({ name: "crm sync", role: "admin" });
    expect(await by(key.secret, "?unread=true")).toEqual([readByOwner, readByAgent, ours].sort());
  });

  it("refuses a filter it cannot read", async () => {
    const { owner } = await team();
    expect((await list(owner.token, "?status=archived")).status).toBe(400);
    expect((await list(owner.token, "?assignee=somebody")).status).toBe(400);
    expect((await list(owner.token, "?cursor=not-a-cursor")).status).toBe(400);
  });

  it("refuses a well-formed cursor whose time or id Postgres cannot compare with 400, never a 500", async () => {
    const { owner } = await team();
    const id = "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f";
    for (const position of [
      { at: "-200000-01-01T00:00:00Z", id },
      { at: "+275760-09-13T00:00:00Z", id },
      { at: "2026-01-01T00:00:00Z", id: "x" },
    ]) {
      const res = await api.rest<ErrorDto>(
        "GET",
        `/conversations?cursor=${Buffer.from(JSON.stringify(position)).toString("base64url")}`,
        { token: owner.token },
      );
      expect(res.status, JSON.stringify(position)).toBe(400);
      expect(res.body.data.fieldErrors).toEqual({ cursor: ["Invalid cursor"] });
    }
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
      ["POST", `/conversations/${theirs}/claim`, {}],
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
  it("lists a contact's conversations with the same rule: an agent gets theirs and the unassigned ones", async () => {
    const { owner, organizationId, agent, otherAgent, viewer } = await team();
    const contactId = await insertContact(api, organizationId);
    const theirs = await insertConversation(api, organizationId, {
      contactId,
      assignedTo: otherAgent.user.id,
      channel: "telegram",
    });
    const mine = await insertConversation(api, organizationId, { contactId, assignedTo: agent.user.id });
    const open = await insertConversation(api, organizationId, { contactId, channel: "slack" });
    const ofContact = async (token: string, query = "") => {
      const res = await api.rest<PageDto<{ id: string }>>(
        "GET",
        `/contacts/${contactId}/conversations${query}`,
        { token },
      );
      expect(res.status).toBe(200);
      return res.body;
    };

    expect((await ofContact(agent.token)).items.map((c) => c.id).sort()).toEqual([mine, open].sort());
    const firstPage = await ofContact(agent.token, "?limit=1");
    expect(firstPage.items).toHaveLength(1);
    const rest = await ofContact(
      agent.token,
      `?limit=5&cursor=${encodeURIComponent(firstPage.nextCursor ?? "")}`,
    );
    expect([...firstPage.items, ...rest.items].map((c) => c.id).sort()).toEqual([mine, open].sort());
    for (const token of [owner.token, viewer.token]) {
      expect((await ofContact(token)).items.map((c) => c.id).sort()).toEqual([theirs, mine, open].sort());
    }
  });
});
