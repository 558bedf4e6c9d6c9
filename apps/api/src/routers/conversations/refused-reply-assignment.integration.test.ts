import { type FakeWhatsApp, startFakeWhatsApp } from "@crm/integrations/testing/index";
import { TRPCClientError } from "@trpc/client";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { useTestApi } from "../../testing/harness";
import {
  type ConversationSeed,
  type ErrorDto,
  insertConversation,
  insertIntegration,
  type MessageDto,
  recordEvents,
} from "./conversation-fixtures";

let whatsapp: FakeWhatsApp;
beforeAll(async () => {
  whatsapp = await startFakeWhatsApp();
  return () => whatsapp.close();
});
const api = useTestApi(() => ({ WHATSAPP_API_BASE: whatsapp.apiBase }));

type Agent = Awaited<ReturnType<typeof api.member>>;

async function agentOfNewOrganization() {
  const owner = await api.register();
  const agent = await api.member(owner.token, "agent");
  return { owner, agent, organizationId: owner.organization.id };
}

/** The conversation's row as the reply left it: who has it, and what it shows in the list. */
const rowOf = (id: string) =>
  api.container.db.db
    .selectFrom("conversations")
    .select(["assigned_to", "unread_count", "last_message_preview"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();

const messagesIn = (conversationId: string) =>
  api.container.db.db
    .selectFrom("messages")
    .select(["content", "status", "sender_id"])
    .where("conversation_id", "=", conversationId)
    .execute();

const replyOverRest = (agent: Agent, id: string, body: unknown) =>
  api.rest<MessageDto & ErrorDto>("POST", `/conversations/${id}/messages`, { token: agent.token, body });

/** How a tRPC reply ended: "OK" or its error code. */
async function replyOverTrpc(agent: Agent, id: string, text: string): Promise<string> {
  try {
    await api.trpc(agent.token).conversations.sendMessage.mutate({ id, text });
    return "OK";
  } catch (error) {
    if (error instanceof TRPCClientError) return String(error.data?.code);
    throw error;
  }
}

describe("a reply the server refuses leaves an unassigned conversation as it was", () => {
  const cases: Array<{
    refusal: string;
    status: number;
    trpcCode: string;
    conversation: (organizationId: string) => Promise<ConversationSeed>;
    body: Record<string, unknown>;
  }> = [
    {
      refusal: "WhatsApp's 24-hour window closed",
      status: 422,
      trpcCode: "UNPROCESSABLE_CONTENT",
      conversation: async () => ({ lastInboundMinutesAgo: 25 * 60, unreadCount: 2 }),
      body: { text: "Oi, ainda precisa de ajuda?" },
    },
    {
      refusal: "an inactive integration",
      status: 422,
      trpcCode: "UNPROCESSABLE_CONTENT",
      conversation: async (organizationId) => ({
        integrationId: await insertIntegration(api, organizationId, "whatsapp", false),
        unreadCount: 2,
      }),
      body: { text: "Bom dia!" },
    },
    {
      refusal: "no integration any more",
      status: 422,
      trpcCode: "UNPROCESSABLE_CONTENT",
      conversation: async () => ({ integrationId: null, unreadCount: 2 }),
      body: { text: "Bom dia!" },
    },
    {
      refusal: "a template on a Telegram conversation",
      status: 422,
      trpcCode: "UNPROCESSABLE_CONTENT",
      conversation: async () => ({ channel: "telegram", unreadCount: 2 }),
      body: { template: { name: "pedido_enviado", language: "pt_BR" } },
    },
    {
      refusal: "a text longer than the channel takes",
      status: 400,
      trpcCode: "BAD_REQUEST",
      conversation: async () => ({ unreadCount: 2 }),
      body: { text: "a".repeat(5000) },
    },
  ];

  for (const { refusal, status, trpcCode, conversation, body } of cases) {
    it(`refused for ${refusal}: no message, no assignee, nothing announced`, async () => {
      const { agent, organizationId } = await agentOfNewOrganization();
      const recorder = recordEvents(api, organizationId, [
        "conversation_assigned",
        "conversation_updated",
        "new_message",
      ]);
      const restId = await insertConversation(api, organizationId, await conversation(organizationId));
      const trpcId = await insertConversation(api, organizationId, await conversation(organizationId));
      const before = { [restId]: await rowOf(restId), [trpcId]: await rowOf(trpcId) };

      const overRest = await replyOverRest(agent, restId, body);
      expect(overRest.status, JSON.stringify(overRest.body)).toBe(status);
      if (typeof body.text === "string") {
        expect(await replyOverTrpc(agent, trpcId, body.text)).toBe(trpcCode);
      }

      for (const id of [restId, trpcId]) {
        expect(await rowOf(id)).toEqual(before[id]);
        expect(await messagesIn(id)).toEqual([]);
      }
      // an answer that will never come: whatever was announced has been by the time the refusal came back
      expect(recorder.events).toEqual([]);
      recorder.stop();
    });
  }
});

describe("a reply the provider refuses later, once it was stored", () => {
  it("keeps the conversation with the agent who took it, the message failed and ready to retry", async () => {
    const { owner, agent, organizationId } = await agentOfNewOrganization();
    const integration = await api.rest<{ id: string }>("POST", "/integrations", {
      token: owner.token,
      body: { channel: "whatsapp", name: "WhatsApp loja", config: whatsapp.config },
    });
    expect(integration.status, JSON.stringify(integration.body)).toBe(201);
    const conversationId = await insertConversation(api, organizationId, {
      integrationId: integration.body.id,
      threadId: "5511976540001",
      lastInboundMinutesAgo: 10,
    });

    whatsapp.failNext(401);
    const sent = await replyOverRest(agent, conversationId, { text: "Seu pedido saiu hoje" });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    await vi.waitFor(
      async () => expect((await messagesIn(conversationId)).map((m) => m.status)).toEqual(["failed"]),
      { timeout: 15_000, interval: 50 },
    );
    // she took the customer when she answered; the channel's refusal is hers to retry, not the team's to pick up
    expect((await rowOf(conversationId)).assigned_to).toBe(agent.user.id);
  });
});
