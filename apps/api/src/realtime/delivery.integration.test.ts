import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { contactIdOf, createContact, insertConversation, publish } from "./testing/fixtures";
import type { ReceivedEvent } from "./testing/realtime-client";
import { useRealtimeTestApi } from "./testing/realtime-test-api";

const rt = useRealtimeTestApi();

const conversationOf = (e: ReceivedEvent) => (e.event.payload as { conversationId?: string }).conversationId;
const messageUpdated = (conversationId: string) => ({
  conversationId,
  messageId: randomUUID(),
  deleted: false,
});

describe("realtime.events", () => {
  it("delivers a contact created over REST to the organization's clients, each event with an id", async () => {
    const owner = await rt.api.register();
    const client = await rt.connect({ token: owner.token });
    const contactId = await createContact(rt.api, owner.token, "Maria");
    await client.waitFor((r) => r.some((e) => contactIdOf(e) === contactId));
    const [event] = client.received;
    expect(event?.event).toMatchObject({
      type: "contact_updated",
      payload: { contactId, change: "created" },
    });
    expect(event?.id).toMatch(/^\d+-\d+$/);
  });

  it("never delivers another organization's events", async () => {
    const home = await rt.api.register();
    const stranger = await rt.api.register();
    const client = await rt.connect({ token: stranger.token });
    await createContact(rt.api, home.token, "Not yours");
    const own = await createContact(rt.api, stranger.token, "Yours");
    // events reach a replica in publish order: once the later one is here, the earlier one had its chance
    await client.waitFor((r) => r.some((e) => contactIdOf(e) === own));
    expect(client.received.map(contactIdOf)).toEqual([own]);
  });

  it("shows an agent only the conversations assigned to them or to nobody", async () => {
    const owner = await rt.api.register();
    const agent = await rt.api.member(owner.token, "agent");
    const other = await rt.api.member(owner.token, "agent");
    const organizationId = owner.user.organizationId;
    const client = await rt.connect({ token: agent.token });
    const mine = await insertConversation(rt.api.container, organizationId, agent.user.id);
    const theirs = await insertConversation(rt.api.container, organizationId, other.user.id);
    const nobodys = await insertConversation(rt.api.container, organizationId, null);
    for (const conversationId of [theirs, mine, theirs, nobodys]) {
      await publish(rt.api.container, organizationId, "message_updated", messageUpdated(conversationId));
    }
    await client.waitFor((r) => r.some((e) => conversationOf(e) === nobodys));
    expect(client.received.map(conversationOf)).toEqual([mine, nobodys]);
  });

  it("stops delivering a conversation to an agent once it is assigned to someone else", async () => {
    const owner = await rt.api.register();
    const agent = await rt.api.member(owner.token, "agent");
    const other = await rt.api.member(owner.token, "agent");
    const organizationId = owner.user.organizationId;
    const client = await rt.connect({ token: agent.token });
    const conversationId = await insertConversation(rt.api.container, organizationId, agent.user.id);
    const sentinel = await insertConversation(rt.api.container, organizationId, null);

    await publish(rt.api.container, organizationId, "message_updated", messageUpdated(conversationId));
    // checked when delivered, not when published: wait until it was delivered before reassigning
    await client.waitFor((r) => r.length === 1);
    await rt.api.container.db.db
      .updateTable("conversations")
      .set({ assigned_to: other.user.id })
      .where("id", "=", conversationId)
      .execute();
    await publish(rt.api.container, organizationId, "conversation_assigned", {
      conversationId,
      assignedTo: other.user.id,
      previousAssignee: agent.user.id,
    });
    await publish(rt.api.container, organizationId, "message_updated", messageUpdated(conversationId));
    await publish(rt.api.container, organizationId, "message_updated", messageUpdated(sentinel));

    await client.waitFor((r) => r.some((e) => conversationOf(e) === sentinel));
    expect(client.received.map((e) => [e.event.type, conversationOf(e)])).toEqual([
      ["message_updated", conversationId],
      ["conversation_access_lost", conversationId],
      ["message_updated", sentinel],
    ]);
  });

  it("lets a viewer watch conversations but not type in them", async () => {
    const owner = await rt.api.register();
    const viewer = await rt.api.member(owner.token, "viewer");
    const organizationId = owner.user.organizationId;
    const client = await rt.connect({ token: viewer.token });
    const conversationId = await insertConversation(rt.api.container, organizationId, owner.user.id);
    await publish(rt.api.container, organizationId, "message_updated", messageUpdated(conversationId));
    await client.waitFor((r) => r.length === 1);
    await expect(rt.api.trpc(viewer.token).typing.start.mutate({ conversationId })).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
    });
  });

  it.each([
    ["no token", undefined],
    ["an invalid token", "not-a-session"],
  ])("gives a socket with %s nothing: the subscription fails UNAUTHORIZED", async (_case, token) => {
    const owner = await rt.api.register();
    const client = await rt.connect(token ? { token } : {});
    expect(client.errors.map((e) => e.code)).toEqual(["UNAUTHORIZED"]);
    await createContact(rt.api, owner.token, "Secret");
    const watcher = await rt.connect({ token: owner.token });
    await createContact(rt.api, owner.token, "Later");
    await watcher.waitFor((r) => r.length === 1);
    expect(client.received).toEqual([]);
  });

  it("authenticates with the session cookie of the upgrade request", async () => {
    const owner = await rt.api.register();
    const client = await rt.connect({ headers: { cookie: `crm_session=${owner.token}` } });
    const contactId = await createContact(rt.api, owner.token, "Via cookie");
    await client.waitFor((r) => r.some((e) => contactIdOf(e) === contactId));
    expect(client.errors).toEqual([]);
  });

  it("refuses a handshake from a foreign origin and upgrades on no other path", async () => {
    const wsUrl = rt.baseUrl.replace(/^http/, "ws");
    const outcome = (url: string, headers: Record<string, string> = {}) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(url, { headers });
        socket.on("open", () => {
          socket.close();
          resolve("open");
        });
        socket.on("unexpected-response", (_req, res) => resolve(`status ${res.statusCode}`));
        socket.on("error", () => resolve("error"));
      });
    expect(await outcome(`${wsUrl}/trpc-ws`, { origin: "https://evil.example" })).toBe("status 403");
    expect(await outcome(`${wsUrl}/trpc-ws`)).toBe("open");
    expect(await outcome(`${wsUrl}/trpc`)).toBe("error");
  });

  it("replays what a client missed when it reconnects with its last event id: nothing missed, nothing doubled", async () => {
    const owner = await rt.api.register();
    const first = await rt.connect({ token: owner.token });
    const before = [
      await createContact(rt.api, owner.token, "one"),
      await createContact(rt.api, owner.token, "two"),
    ];
    await first.waitFor((r) => r.length === 2);
    const lastEventId = first.lastId();
    await first.close();

    const missed = [
      await createContact(rt.api, owner.token, "three"),
      await createContact(rt.api, owner.token, "four"),
    ];
    const second = await rt.connect({ token: owner.token, lastEventId });
    const live = await createContact(rt.api, owner.token, "five");
    await second.waitFor((r) => r.some((e) => contactIdOf(e) === live));

    expect(first.received.map(contactIdOf)).toEqual(before);
    expect(second.received.map(contactIdOf)).toEqual([...missed, live]);
    const ids = [...first.received, ...second.received].map((e) => e.id);
    expect(new Set(ids).size).toBe(5);
  });

  it("answers resync_required first when the last event id is unknown or too old", async () => {
    const owner = await rt.api.register();
    const client = await rt.connect({ token: owner.token, lastEventId: "1-0" });
    const contactId = await createContact(rt.api, owner.token, "after resync");
    await client.waitFor((r) => r.some((e) => contactIdOf(e) === contactId));
    expect(client.received.map((e) => e.event.type)).toEqual(["resync_required", "contact_updated"]);
    expect(client.received[0]?.event.payload).toEqual({ reason: "expired" });
  });
});

describe("typing", () => {
  it("tells the others who is typing, throttled, until it stops", async () => {
    const owner = await rt.api.register();
    const admin = await rt.api.member(owner.token, "admin");
    const organizationId = owner.user.organizationId;
    const conversationId = await insertConversation(rt.api.container, organizationId, null);
    const watcher = await rt.connect({ token: admin.token });
    const typist = await rt.connect({ token: owner.token });
    const typing = rt.api.trpc(owner.token).typing;

    await typing.start.mutate({ conversationId });
    await typing.start.mutate({ conversationId });
    await typing.stop.mutate({ conversationId });
    await publish(rt.api.container, organizationId, "message_updated", messageUpdated(conversationId));

    await watcher.waitFor((r) => r.some((e) => e.event.type === "message_updated"));
    await typist.waitFor((r) => r.some((e) => e.event.type === "message_updated"));
    const shown = watcher.received.filter((e) => e.event.type === "user_typing").map((e) => e.event.payload);
    expect(shown).toEqual([
      { conversationId, userId: owner.user.id, isTyping: true, expiresAt: expect.any(String) },
      { conversationId, userId: owner.user.id, isTyping: false, expiresAt: null },
    ]);
    expect(typist.received.map((e) => e.event.type)).toEqual(["message_updated"]);
  });

  it("answers NOT_FOUND for a conversation the typist may not see", async () => {
    const owner = await rt.api.register();
    const agent = await rt.api.member(owner.token, "agent");
    const conversationId = await insertConversation(
      rt.api.container,
      owner.user.organizationId,
      owner.user.id,
    );
    await expect(rt.api.trpc(agent.token).typing.start.mutate({ conversationId })).rejects.toMatchObject({
      data: { code: "NOT_FOUND" },
    });
  });
});
