import { describe, expect, it } from "vitest";
import { contactIdOf, createContact, insertConversation, publish } from "./testing/fixtures";
import type { ReceivedEvent } from "./testing/realtime-client";
import { useRealtimeTestApi } from "./testing/realtime-test-api";

const rt = useRealtimeTestApi();

const typeOf = (e: ReceivedEvent) => e.event.type;
const conversationOf = (e: ReceivedEvent) => (e.event.payload as { conversationId?: string }).conversationId;

describe("a member's role change or removal, in their open sessions", () => {
  it("ends a demoted member's subscription at once, saying their role changed; their teammates hear the team changed", async () => {
    const owner = await rt.api.register();
    const admin = await rt.api.member(owner.token, "admin");
    const teammate = await rt.api.member(owner.token, "admin");
    const demoted = await rt.connect({ token: admin.token });
    const watching = await rt.connect({ token: teammate.token });

    await rt.api.trpc(owner.token).users.update.mutate({ id: admin.user.id, role: "agent" });

    // nothing else happens in the organization: the change itself ends the subscription
    await demoted.waitFor((r) => r.some((e) => typeOf(e) === "session_ended"));
    expect(demoted.received.map((e) => e.event)).toEqual([
      expect.objectContaining({ type: "session_ended", payload: { reason: "role_changed" } }),
    ]);
    await expect.poll(() => demoted.ended()).toBe(true);
    const last = await createContact(rt.api, owner.token, "after the change");
    await watching.waitFor((r) => r.some((e) => contactIdOf(e) === last));
    expect(watching.received.map((e) => e.event)).toEqual([
      expect.objectContaining({
        type: "team_updated",
        payload: { userId: admin.user.id, change: "updated" },
      }),
      expect.objectContaining({ type: "contact_updated" }),
    ]);
    expect(demoted.received.map(typeOf)).toEqual(["session_ended"]);
  });

  it("ends a removed member's subscription at once, saying they no longer belong to the organization", async () => {
    const owner = await rt.api.register();
    const agent = await rt.api.member(owner.token, "agent");
    const firstTab = await rt.connect({ token: agent.token });
    const secondTab = await rt.connect({ token: agent.token });

    await rt.api.trpc(owner.token).users.remove.mutate({ id: agent.user.id });

    for (const tab of [firstTab, secondTab]) {
      await tab.waitFor((r) => r.some((e) => typeOf(e) === "session_ended"));
      expect(tab.received.map((e) => e.event)).toEqual([
        expect.objectContaining({ type: "session_ended", payload: { reason: "removed" } }),
      ]);
      await expect.poll(() => tab.ended()).toBe(true);
    }
  });

  it("keeps a promoted member signed in, tells them, and delivers what the new role may see", async () => {
    const owner = await rt.api.register();
    const agent = await rt.api.member(owner.token, "agent");
    const organizationId = owner.user.organizationId;
    const client = await rt.connect({ token: agent.token });
    const ownersConversation = await insertConversation(rt.api.container, organizationId, owner.user.id);

    await rt.api.trpc(owner.token).users.update.mutate({ id: agent.user.id, role: "admin" });
    await publish(rt.api.container, organizationId, "message_updated", {
      conversationId: ownersConversation,
      messageId: ownersConversation,
      deleted: false,
    });

    await client.waitFor((r) => r.some((e) => conversationOf(e) === ownersConversation));
    expect(client.received.map((e) => e.event)).toEqual([
      expect.objectContaining({
        type: "membership_changed",
        payload: { userId: agent.user.id, role: "admin" },
      }),
      expect.objectContaining({
        type: "team_updated",
        payload: { userId: agent.user.id, change: "updated" },
      }),
      expect.objectContaining({ type: "message_updated" }),
    ]);
    expect(client.ended()).toBe(false);
    const me = await rt.api.trpc(agent.token).auth.me.query();
    expect(me.user.role).toBe("admin");
  });
});

describe("the team as every member sees it", () => {
  it("tells every member, and the renamed user's other tabs, of a new name; no other organization", async () => {
    const owner = await rt.api.register();
    const agent = await rt.api.member(owner.token, "agent");
    const viewer = await rt.api.member(owner.token, "viewer");
    const stranger = await rt.api.register();
    const agentTab = await rt.connect({ token: agent.token });
    const viewerClient = await rt.connect({ token: viewer.token });
    const strangerClient = await rt.connect({ token: stranger.token });

    await rt.api.trpc(agent.token).auth.updateProfile.mutate({ name: "Ana Paula" });

    const renamed = expect.objectContaining({
      type: "team_updated",
      payload: { userId: agent.user.id, change: "updated" },
    });
    for (const client of [agentTab, viewerClient]) {
      await client.waitFor((r) => r.some((e) => typeOf(e) === "team_updated"));
      expect(client.received.map((e) => e.event)).toEqual([renamed]);
    }
    const own = await createContact(rt.api, stranger.token, "elsewhere");
    await strangerClient.waitFor((r) => r.some((e) => contactIdOf(e) === own));
    expect(strangerClient.received.map(typeOf)).toEqual(["contact_updated"]);
  });

  it("tells every member who joined and who was removed", async () => {
    const owner = await rt.api.register();
    const ownerClient = await rt.connect({ token: owner.token });

    const agent = await rt.api.member(owner.token, "agent");
    await rt.api.trpc(owner.token).users.remove.mutate({ id: agent.user.id });

    await ownerClient.waitFor((r) => r.filter((e) => typeOf(e) === "team_updated").length === 2);
    expect(ownerClient.received.map((e) => e.event.payload)).toEqual([
      { userId: agent.user.id, change: "joined" },
      { userId: agent.user.id, change: "removed" },
    ]);
  });
});

describe("a change of the organization's settings", () => {
  it("reaches every member's open session, naming what changed, and no other organization", async () => {
    const owner = await rt.api.register();
    const viewer = await rt.api.member(owner.token, "viewer");
    const stranger = await rt.api.register();
    const viewerClient = await rt.connect({ token: viewer.token });
    const strangerClient = await rt.connect({ token: stranger.token });

    await rt.api.trpc(owner.token).organizations.update.mutate({ defaultCurrency: "USD", timezone: "UTC" });

    await viewerClient.waitFor((r) => r.some((e) => typeOf(e) === "organization_updated"));
    expect(viewerClient.received.map((e) => e.event)).toEqual([
      expect.objectContaining({
        type: "organization_updated",
        payload: { changed: ["defaultCurrency", "timezone"] },
      }),
    ]);
    const own = await createContact(rt.api, stranger.token, "elsewhere");
    await strangerClient.waitFor((r) => r.some((e) => contactIdOf(e) === own));
    expect(strangerClient.received.map(typeOf)).toEqual(["contact_updated"]);
  });
});
