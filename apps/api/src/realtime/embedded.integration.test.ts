import { describe, expect, it } from "vitest";
import { insertConversation, publish } from "./testing/fixtures";
import type { ReceivedEvent } from "./testing/realtime-client";
import { useRealtimeTestApi } from "./testing/realtime-test-api";

// embedded mode: no Redis, so the in-process bus and the ring buffer carry the events
const rt = useRealtimeTestApi({ REDIS_URL: "" });

const contactIdOf = (e: ReceivedEvent) =>
  e.event.type === "contact_updated" ? e.event.payload.contactId : undefined;

async function createContact(token: string, name: string): Promise<string> {
  const created = await rt.api.rest<{ id: string }>("POST", "/contacts", { token, body: { name } });
  expect(created.status).toBe(201);
  return created.body.id;
}

describe("realtime in embedded mode", () => {
  it("runs without Redis", () => {
    expect(rt.api.container.redis).toBeUndefined();
  });

  it("delivers, isolates organizations and agents, and replays after a reconnect", async () => {
    const owner = await rt.api.register();
    const stranger = await rt.api.register();
    const agent = await rt.api.member(owner.token, "agent");
    const organizationId = owner.user.organizationId;
    const ownerClient = await rt.connect({ token: owner.token });
    const strangerClient = await rt.connect({ token: stranger.token });
    const agentClient = await rt.connect({ token: agent.token });

    const theirs = await insertConversation(rt.api.container, organizationId, owner.user.id);
    await publish(rt.api.container, organizationId, "message_updated", {
      conversationId: theirs,
      messageId: crypto.randomUUID(),
      deleted: false,
    });
    const before = await createContact(owner.token, "before");
    await ownerClient.waitFor((r) => r.some((e) => contactIdOf(e) === before));
    await agentClient.waitFor((r) => r.some((e) => contactIdOf(e) === before));
    expect(ownerClient.received.map((e) => e.event.type)).toEqual(["message_updated", "contact_updated"]);
    expect(agentClient.received.map((e) => e.event.type)).toEqual(["contact_updated"]);

    const lastEventId = ownerClient.lastId();
    await ownerClient.close();
    const missed = await createContact(owner.token, "missed");
    const resumed = await rt.connect({ token: owner.token, lastEventId });
    const live = await createContact(owner.token, "live");
    await resumed.waitFor((r) => r.some((e) => contactIdOf(e) === live));
    expect(resumed.received.map(contactIdOf)).toEqual([missed, live]);

    const own = await createContact(stranger.token, "own");
    await strangerClient.waitFor((r) => r.some((e) => contactIdOf(e) === own));
    expect(strangerClient.received.map(contactIdOf)).toEqual([own]);
  });

  it("ends a logged-out session's stream at once through the in-process bus; the user's other session stays", async () => {
    const owner = await rt.api.register();
    const elsewhere = await rt.api
      .trpc()
      .auth.login.mutate({ email: owner.user.email, password: owner.password });
    const tab = await rt.connect({ token: owner.token });
    const otherBrowser = await rt.connect({ token: elsewhere.token });

    await rt.api.trpc(owner.token).auth.logout.mutate({});

    await tab.waitFor((r) => r.length > 0);
    expect(tab.received.map((e) => e.event)).toEqual([
      expect.objectContaining({ type: "session_ended", payload: { reason: "logged_out" } }),
    ]);
    await expect.poll(() => tab.ended()).toBe(true);
    const after = await createContact(elsewhere.token, "after the logout");
    await otherBrowser.waitFor((r) => r.some((e) => contactIdOf(e) === after));
    expect(otherBrowser.received.map(contactIdOf)).toEqual([after]);
  });

  it("gives an unauthenticated socket nothing", async () => {
    const client = await rt.connect({});
    expect(client.errors.map((e) => e.code)).toEqual(["UNAUTHORIZED"]);
    expect(client.received).toEqual([]);
  });
});
