import { type FakeWhatsApp, startFakeWhatsApp } from "@crm/integrations/testing/index";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApi, type TestApi } from "../../testing/harness";
import { insertConversation, type MessageDto, recordEvents } from "../conversations/conversation-fixtures";
import {
  type ActivityDto,
  activitiesOf,
  createDeal,
  type DealDto,
  stageAt,
  workspace,
} from "../deals/deal-fixtures";

let api: TestApi;
let whatsapp: FakeWhatsApp;

beforeAll(async () => {
  whatsapp = await startFakeWhatsApp();
  api = await startTestApi({ WHATSAPP_API_BASE: whatsapp.apiBase });
});
afterAll(async () => {
  await api.close();
  await whatsapp.close();
});

interface NamesDto {
  items: Array<{ id: string; name: string; revoked: boolean }>;
}

/** An owner's organization with a deal, and an admin API key named "Zapier". */
async function integratorSetup() {
  const { owner, token, contactId, pipeline } = await workspace(api);
  const key = await api.trpc(token).apiKeys.create.mutate({ name: "Zapier", role: "admin" });
  const deal = await createDeal(api, token, {
    contactId,
    pipelineId: pipeline.id,
    stage: stageAt(pipeline, 0).id,
  });
  return { owner, token, pipeline, deal, apiKeyId: key.apiKey.id, secret: key.secret };
}

describe("writes made with an API key name the key", () => {
  it("credits deal activities the key adds or causes (note, stage change, won) to its id, not a user", async () => {
    const { token, pipeline, deal, apiKeyId, secret } = await integratorSetup();

    const note = await api.rest<ActivityDto>("POST", `/deals/${deal.id}/activities`, {
      token: secret,
      body: { type: "note", content: "Lead came from the website form" },
    });
    expect(note.status, JSON.stringify(note.body)).toBe(201);
    expect(note.body).toMatchObject({ actorId: null, apiKeyId });

    const moved = await api.rest<DealDto>("PATCH", `/deals/${deal.id}`, {
      token: secret,
      body: { stage: stageAt(pipeline, 1).id },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const won = await api.rest<DealDto>("PATCH", `/deals/${deal.id}`, {
      token: secret,
      body: { status: "won" },
    });
    expect(won.status, JSON.stringify(won.body)).toBe(200);

    const activities = await activitiesOf(api, token, deal.id);
    const byType = (type: string) => activities.find((activity) => activity.type === type);
    expect(byType("note")).toMatchObject({ actorId: null, apiKeyId });
    expect(byType("stage_changed")).toMatchObject({ actorId: null, apiKeyId });
    expect(byType("won")).toMatchObject({ actorId: null, apiKeyId });
    // the owner created the deal: a user's activity names no key
    expect(byType("created")).toMatchObject({ apiKeyId: null });
    expect(byType("created")?.actorId).not.toBeNull();
  });

  it("keeps the key's id on its activities after the key is deleted; its name is then no longer listed", async () => {
    const { owner, token, deal, apiKeyId, secret } = await integratorSetup();
    await api.rest("POST", `/deals/${deal.id}/activities`, {
      token: secret,
      body: { type: "call", content: "Automated follow-up call" },
    });
    const viewer = await api.member(token, "viewer");
    const names = await api.rest<NamesDto>("GET", "/api-keys/names", { token: viewer.token });
    expect(names.status).toBe(200);
    expect(names.body.items).toEqual([{ id: apiKeyId, name: "Zapier", revoked: false }]);

    await api.container.db.db
      .deleteFrom("api_keys")
      .where("organization_id", "=", owner.organization.id)
      .where("id", "=", apiKeyId)
      .execute();
    expect((await activitiesOf(api, token, deal.id)).find((a) => a.type === "call")).toMatchObject({
      actorId: null,
      apiKeyId,
    });
    expect((await api.rest<NamesDto>("GET", "/api-keys/names", { token }).then((r) => r.body)).items).toEqual(
      [],
    );
  });

  it("marks messages and private notes sent with a key as the bot's, with the key's id", async () => {
    const { owner, token, apiKeyId, secret } = await integratorSetup();
    const connected = await api.rest<{ id: string }>("POST", "/integrations", {
      token,
      body: { channel: "whatsapp", name: "WhatsApp vendas", config: whatsapp.config },
    });
    expect(connected.status, JSON.stringify(connected.body)).toBe(201);
    const conversationId = await insertConversation(api, owner.organization.id, {
      integrationId: connected.body.id,
      threadId: "5511987650777",
      lastInboundMinutesAgo: 10,
    });

    const sent = await api.rest<MessageDto>("POST", `/conversations/${conversationId}/messages`, {
      token: secret,
      body: { text: "Seu pedido saiu para entrega" },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({ senderType: "bot", senderId: null, apiKeyId });
    const note = await api.rest<MessageDto>("POST", `/conversations/${conversationId}/messages`, {
      token: secret,
      body: { text: "Synced from the ERP", isPrivate: true },
    });
    expect(note.body).toMatchObject({ senderType: "bot", senderId: null, apiKeyId, isPrivate: true });

    // read back by a user, once the send job has settled the message
    await vi.waitFor(
      async () => {
        const read = await api.rest<MessageDto>("GET", `/messages/${sent.body.id}`, { token });
        expect(read.body).toMatchObject({ status: "sent", senderType: "bot", apiKeyId });
      },
      { timeout: 15_000, interval: 50 },
    );

    const mine = await api.rest<MessageDto>("POST", `/conversations/${conversationId}/messages`, {
      token,
      body: { text: "A note of the owner", isPrivate: true },
    });
    expect(mine.body).toMatchObject({ senderType: "agent", senderId: owner.user.id, apiKeyId: null });
  });

  it("says which key assigned a conversation, in the event and in the assignee's notification", async () => {
    const { owner, token, apiKeyId, secret } = await integratorSetup();
    const agent = await api.member(token, "agent");
    const conversationId = await insertConversation(api, owner.organization.id);
    const recorder = recordEvents(api, owner.organization.id, ["conversation_assigned"]);

    const assigned = await api.rest("PATCH", `/conversations/${conversationId}`, {
      token: secret,
      body: { assignedTo: agent.user.id },
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    await recorder.expectEvent("conversation_assigned", {
      conversationId,
      assignedBy: null,
      assignedByApiKeyId: apiKeyId,
    });
    recorder.stop();

    await vi.waitFor(async () => {
      const list = await api.rest<{ items: Array<{ type: string; data: Record<string, unknown> }> }>(
        "GET",
        "/notifications",
        { token: agent.token },
      );
      expect(list.body.items).toContainEqual(
        expect.objectContaining({
          type: "assignment",
          data: expect.objectContaining({ conversationId, assignedBy: null, assignedByApiKeyId: apiKeyId }),
        }),
      );
    });
  });
});
