import { describe, expect, it, vi } from "vitest";
import { useTestApi } from "../../testing/harness";
import { insertContact, insertConversation, type MessageDto, team } from "./conversation-fixtures";

const api = useTestApi();

interface NoteAnswer extends MessageDto {
  mentions?: {
    notified: Array<{ userId: string; name: string }>;
    notNotified: Array<{ handle: string; reason: string; members: Array<{ userId: string; name: string }> }>;
  };
}

const rename = (userId: string, name: string) =>
  api.container.db.db.updateTable("users").set({ name }).where("id", "=", userId).execute();

const notificationsOf = async (token: string) =>
  (await api.trpc(token).notifications.list.query({})).items.filter((n) => n.type === "mention");

describe("a private note's @mentions", () => {
  it("reach members by first name, in any case, without accents; the author learns who was left out and why", async () => {
    const { owner, organizationId, admin, agent, otherAgent } = await team(api);
    await rename(owner.user.id, "Carlos Pereira");
    await rename(admin.user.id, "Júlia Araújo");
    await rename(agent.user.id, "Ana Souza");
    await rename(otherAgent.user.id, "Ana Lima");
    const contactId = await insertContact(api, organizationId, { name: "Maria Oliveira" });
    // assigned to neither agent: both may not see it
    const conversationId = await insertConversation(api, organizationId, {
      contactId,
      assignedTo: owner.user.id,
    });

    const sent = await api.rest<NoteAnswer>("POST", `/conversations/${conversationId}/messages`, {
      token: owner.token,
      body: { text: "@julia araujo please check; @Ana Souza too; and @ana?", isPrivate: true },
    });

    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.mentions).toEqual({
      notified: [{ userId: admin.user.id, name: "Júlia Araújo" }],
      notNotified: [
        {
          handle: "@Ana Souza",
          reason: "cannot_see_conversation",
          members: [{ userId: agent.user.id, name: "Ana Souza" }],
        },
        {
          handle: "@ana",
          reason: "ambiguous",
          members: expect.arrayContaining([
            { userId: agent.user.id, name: "Ana Souza" },
            { userId: otherAgent.user.id, name: "Ana Lima" },
          ]),
        },
      ],
    });
    await vi.waitFor(async () => expect(await notificationsOf(admin.token)).toHaveLength(1));
    const [notification] = await notificationsOf(admin.token);
    expect(notification).toMatchObject({
      actor: { id: owner.user.id, name: "Carlos Pereira" },
      contact: { id: contactId, name: "Maria Oliveira" },
      data: { conversationId, authorId: owner.user.id },
    });
    expect(await notificationsOf(agent.token)).toEqual([]);
    expect(await notificationsOf(otherAgent.token)).toEqual([]);

    // over tRPC, by first name alone, lower case
    const byFirstName = await api.trpc(admin.token).conversations.sendMessage.mutate({
      id: conversationId,
      text: "@carlos can you call her?",
      isPrivate: true,
    });
    expect(byFirstName.mentions).toEqual({
      notified: [{ userId: owner.user.id, name: "Carlos Pereira" }],
      notNotified: [],
    });
    await vi.waitFor(async () => expect(await notificationsOf(owner.token)).toHaveLength(1));
  });

  it("answers no mentions for a note without any, and none at all for a message to the customer", async () => {
    const { owner, organizationId } = await team(api);
    const conversationId = await insertConversation(api, organizationId, { assignedTo: owner.user.id });
    const note = await api.trpc(owner.token).conversations.sendMessage.mutate({
      id: conversationId,
      text: "write to contato@loja.com.br",
      isPrivate: true,
    });
    expect(note.mentions).toEqual({ notified: [], notNotified: [] });
    const reply = await api.trpc(owner.token).conversations.sendMessage.mutate({
      id: conversationId,
      text: "Olá @carlos",
    });
    expect(reply).not.toHaveProperty("mentions");
  });

  it("documents the answer's mentions in /openapi.json", async () => {
    const response = await fetch(`${api.baseUrl}/openapi.json`);
    const document = JSON.stringify(await response.json());
    expect(document).toContain("cannot_see_conversation");
    expect(document).toContain("Private notes only: who the @mentions notify");
  });
});
