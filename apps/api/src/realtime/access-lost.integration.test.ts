import { describe, expect, it } from "vitest";
import {
  insertContact,
  insertConversation as insertInboxConversation,
  insertIntegration,
} from "../routers/conversations/conversation-fixtures";
import { insertConversation, insertMessage, publish } from "./testing/fixtures";
import type { ReceivedEvent } from "./testing/realtime-client";
import { useRealtimeTestApi } from "./testing/realtime-test-api";

const rt = useRealtimeTestApi();

const conversationOf = (e: ReceivedEvent) => (e.event.payload as { conversationId?: string }).conversationId;
const typeAndConversation = (e: ReceivedEvent) => [e.event.type, conversationOf(e)];

async function team() {
  const owner = await rt.api.register();
  const ana = await rt.api.member(owner.token, "agent");
  const bruno = await rt.api.member(owner.token, "agent");
  return { owner, ana, bruno, organizationId: owner.user.organizationId };
}

/** What the owner does in the inbox: `PATCH /conversations/{id}` `{ assignedTo }`. */
async function assign(token: string, conversationId: string, assignedTo: string | null) {
  const res = await rt.api.rest("PATCH", `/conversations/${conversationId}`, { token, body: { assignedTo } });
  expect(res.status).toBe(200);
}

/** An event after the ones under test: once it has arrived, the earlier ones had their chance. */
async function sentinel(organizationId: string): Promise<string> {
  const conversationId = await insertConversation(rt.api.container, organizationId, null);
  await publish(rt.api.container, organizationId, "message_updated", {
    conversationId,
    messageId: conversationId,
    deleted: false,
  });
  return conversationId;
}

describe("a conversation reassigned away from an agent", () => {
  it("tells her it left her view, from nobody and from her, with its id and new assignee only", async () => {
    const { owner, ana, organizationId } = await team();
    const client = await rt.connect({ token: ana.token });
    const fromNobody = await insertConversation(rt.api.container, organizationId, null);
    const fromHer = await insertConversation(rt.api.container, organizationId, ana.user.id);
    await insertMessage(rt.api.container, organizationId, fromNobody, {
      direction: "inbound",
      content: "Foto do pacote",
    });

    await assign(owner.token, fromNobody, owner.user.id);
    await assign(owner.token, fromHer, owner.user.id);
    // no longer hers to see: nothing more of it reaches her
    await publish(rt.api.container, organizationId, "message_updated", {
      conversationId: fromNobody,
      messageId: fromNobody,
      deleted: false,
    });
    const last = await sentinel(organizationId);

    await client.waitFor((r) => r.some((e) => conversationOf(e) === last));
    expect(client.received.map(typeAndConversation)).toEqual([
      ["conversation_access_lost", fromNobody],
      ["conversation_access_lost", fromHer],
      ["message_updated", last],
    ]);
    for (const [index, conversationId] of [fromNobody, fromHer].entries()) {
      expect(client.received[index]?.event.payload).toEqual({ conversationId, assignedTo: owner.user.id });
    }
  });

  it("tells her nothing of conversations she never could see, nor of one she still sees", async () => {
    const { owner, ana, bruno, organizationId } = await team();
    const client = await rt.connect({ token: ana.token });
    const bruno1 = await insertConversation(rt.api.container, organizationId, bruno.user.id);
    const stillHers = await insertConversation(rt.api.container, organizationId, ana.user.id);

    // from Bruno to the owner, started for Bruno, and from her to nobody (every agent sees those)
    await assign(owner.token, bruno1, owner.user.id);
    const started = await rt.api.rest<{ id: string }>("POST", "/conversations", {
      token: owner.token,
      body: {
        contactId: await insertContact(rt.api, organizationId, { phone: "+5511987650000" }),
        integrationId: await insertIntegration(rt.api, organizationId, "whatsapp"),
        assignedTo: bruno.user.id,
      },
    });
    expect(started.status).toBe(201);
    await assign(owner.token, stillHers, null);
    const last = await sentinel(organizationId);

    await client.waitFor((r) => r.some((e) => conversationOf(e) === last));
    expect(client.received.map(typeAndConversation)).toEqual([
      ["conversation_updated", stillHers],
      ["conversation_assigned", stillHers],
      ["message_updated", last],
    ]);
  });

  it("tells the other agents when one claims an unassigned conversation; the claimer keeps it", async () => {
    const { ana, bruno, organizationId } = await team();
    const anaClient = await rt.connect({ token: ana.token });
    const brunoClient = await rt.connect({ token: bruno.token });
    const unassigned = await insertConversation(rt.api.container, organizationId, null);

    const claimed = await rt.api.rest("POST", `/conversations/${unassigned}/claim`, {
      token: bruno.token,
      body: {},
    });
    expect(claimed.status).toBe(200);
    const last = await sentinel(organizationId);

    await anaClient.waitFor((r) => r.some((e) => conversationOf(e) === last));
    expect(anaClient.received.map(typeAndConversation)).toEqual([
      ["conversation_access_lost", unassigned],
      ["message_updated", last],
    ]);
    expect(anaClient.received[0]?.event.payload).toEqual({
      conversationId: unassigned,
      assignedTo: bruno.user.id,
    });
    await brunoClient.waitFor((r) => r.some((e) => conversationOf(e) === last));
    // his own assignment's notification comes too, whenever the listener gets to it
    const conversationEvents = brunoClient.received.filter((e) => e.event.type !== "notification");
    expect(conversationEvents.map(typeAndConversation)).toEqual([
      ["conversation_updated", unassigned],
      ["conversation_assigned", unassigned],
      ["message_updated", last],
    ]);
  });

  it("tells the other agents when one replies to an unassigned conversation, which makes it his", async () => {
    const { ana, bruno, organizationId } = await team();
    const anaClient = await rt.connect({ token: ana.token });
    const brunoClient = await rt.connect({ token: bruno.token });
    const unassigned = await insertInboxConversation(rt.api, organizationId);

    const replied = await rt.api.rest("POST", `/conversations/${unassigned}/messages`, {
      token: bruno.token,
      body: { text: "Olá, aqui é o Bruno" },
    });
    expect(replied.status).toBe(201);
    const last = await sentinel(organizationId);

    await anaClient.waitFor((r) => r.some((e) => conversationOf(e) === last));
    expect(anaClient.received.map(typeAndConversation)).toEqual([
      ["conversation_access_lost", unassigned],
      ["message_updated", last],
    ]);
    expect(anaClient.received[0]?.event.payload).toEqual({
      conversationId: unassigned,
      assignedTo: bruno.user.id,
    });
    await brunoClient.waitFor((r) => r.some((e) => conversationOf(e) === last));
    // the send job's status of his message comes whenever it settles
    const conversationEvents = brunoClient.received.filter(
      (e) => e.event.type !== "notification" && e.event.type !== "message_status",
    );
    expect(conversationEvents.map(typeAndConversation)).toEqual([
      ["new_message", unassigned],
      ["conversation_updated", unassigned],
      ["conversation_assigned", unassigned],
      ["message_updated", last],
    ]);
  });

  it("tells her on reconnect, from the log, of a reassignment made while she was away", async () => {
    const { owner, ana, organizationId } = await team();
    const first = await rt.connect({ token: ana.token });
    const before = await sentinel(organizationId);
    await first.waitFor((r) => r.some((e) => conversationOf(e) === before));
    const lastEventId = first.lastId();
    await first.close();

    const fromNobody = await insertConversation(rt.api.container, organizationId, null);
    await assign(owner.token, fromNobody, owner.user.id);
    const resumed = await rt.connect({ token: ana.token, ...(lastEventId && { lastEventId }) });
    const last = await sentinel(organizationId);

    await resumed.waitFor((r) => r.some((e) => conversationOf(e) === last));
    expect(resumed.received.map(typeAndConversation)).toEqual([
      ["conversation_access_lost", fromNobody],
      ["message_updated", last],
    ]);
  });

  it("keeps telling owners and admins the whole assignment", async () => {
    const { owner, ana, organizationId } = await team();
    const admin = await rt.api.member(owner.token, "admin");
    const client = await rt.connect({ token: admin.token });
    const fromHer = await insertConversation(rt.api.container, organizationId, ana.user.id);
    await assign(owner.token, fromHer, owner.user.id);
    await client.waitFor((r) => r.some((e) => e.event.type === "conversation_assigned"));
    expect(client.received.map((e) => e.event)).toContainEqual(
      expect.objectContaining({
        type: "conversation_assigned",
        payload: {
          conversationId: fromHer,
          assignedTo: owner.user.id,
          previousAssignee: ana.user.id,
          assignedBy: owner.user.id,
        },
      }),
    );
  });
});
