import {
  type FakeTelegram,
  type FakeWhatsApp,
  startFakeTelegram,
  startFakeWhatsApp,
} from "@crm/integrations/testing/index";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApi, type TestApi } from "../../testing/harness";
import { type ErrorDto, insertConversation, type MessageDto } from "./conversation-fixtures";

let api: TestApi;
let whatsapp: FakeWhatsApp;
let telegram: FakeTelegram;
let owner: Awaited<ReturnType<TestApi["register"]>>;
let whatsappIntegration: string;
let telegramIntegration: string;

beforeAll(async () => {
  whatsapp = await startFakeWhatsApp();
  telegram = await startFakeTelegram();
  whatsapp.addTemplate("pedido_enviado", "pt_BR", 2);
  whatsapp.addTemplate("boas_vindas", "pt_BR", 0);
  api = await startTestApi({ WHATSAPP_API_BASE: whatsapp.apiBase, TELEGRAM_API_BASE: telegram.apiBase });
  owner = await api.register();
  whatsappIntegration = await connect("whatsapp", whatsapp.config);
  telegramIntegration = await connect("telegram", telegram.config);
});
afterAll(async () => {
  await api.close();
  await whatsapp.close();
  await telegram.close();
});

async function connect(channel: "whatsapp" | "telegram", config: object): Promise<string> {
  const res = await api.rest<{ id: string }>("POST", "/integrations", {
    token: owner.token,
    body: { channel, name: `${channel} vendas`, config },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

/** A WhatsApp conversation whose customer last wrote three days ago: the 24-hour window is closed. */
const closedWindowConversation = (threadId: string) =>
  insertConversation(api, owner.organization.id, {
    integrationId: whatsappIntegration,
    threadId,
    lastInboundMinutesAgo: 3 * 24 * 60,
  });

const send = (conversationId: string, body: unknown) =>
  api.rest<MessageDto & ErrorDto>("POST", `/conversations/${conversationId}/messages`, {
    token: owner.token,
    body,
  });

const messageOf = async (id: string) =>
  (await api.rest<MessageDto>("GET", `/messages/${id}`, { token: owner.token })).body;

async function settled(id: string, status: "sent" | "failed"): Promise<MessageDto> {
  await vi.waitFor(async () => expect((await messageOf(id)).status).toBe(status), {
    timeout: 15_000,
    interval: 50,
  });
  return messageOf(id);
}

describe("sending a WhatsApp message template", () => {
  it("still refuses free text outside the 24-hour window, pointing to templates", async () => {
    const conversationId = await closedWindowConversation("5511987651001");
    const res = await send(conversationId, { text: "Olá, tudo bem?" });
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/24 hours.*template/);
  });

  it("sends a template outside the window in Meta's wire format, and the thread shows it", async () => {
    const conversationId = await closedWindowConversation("5511987651002");
    const template = { name: "pedido_enviado", language: "pt_BR", bodyParameters: ["Maria", "#1234"] };
    const res = await send(conversationId, { template });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      status: "pending",
      direction: "outbound",
      content: "Template pedido_enviado (pt_BR): Maria · #1234",
      template,
    });

    const sent = await settled(res.body.id, "sent");
    const received = whatsapp.sentTemplates.filter((message) => message.to === "5511987651002");
    expect(received.map((message) => message.body)).toEqual([
      {
        messaging_product: "whatsapp",
        to: "5511987651002",
        type: "template",
        template: {
          name: "pedido_enviado",
          language: { code: "pt_BR" },
          components: [
            {
              type: "body",
              parameters: [
                { type: "text", text: "Maria" },
                { type: "text", text: "#1234" },
              ],
            },
          ],
        },
      },
    ]);
    expect(sent).toMatchObject({ channelMessageId: received[0]?.id, error: null, template });

    const thread = await api.rest<{ items: MessageDto[] }>(
      "GET",
      `/conversations/${conversationId}/messages`,
      {
        token: owner.token,
      },
    );
    expect(thread.body.items[0]).toMatchObject({ id: res.body.id, template, content: sent.content });
  });

  it("sends a template without parameters to a conversation the customer never wrote in", async () => {
    const conversationId = await insertConversation(api, owner.organization.id, {
      integrationId: whatsappIntegration,
      threadId: "5511987651003",
      lastInboundMinutesAgo: null,
    });
    const res = await send(conversationId, { template: { name: "boas_vindas", language: "pt_BR" } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.template).toEqual({ name: "boas_vindas", language: "pt_BR", bodyParameters: [] });
    await settled(res.body.id, "sent");
    expect(whatsapp.sentTemplates.find((message) => message.to === "5511987651003")?.body).toEqual({
      messaging_product: "whatsapp",
      to: "5511987651003",
      type: "template",
      template: { name: "boas_vindas", language: { code: "pt_BR" } },
    });
  });

  it("marks a template WhatsApp does not know failed with the provider's error, and retries it", async () => {
    const conversationId = await closedWindowConversation("5511987651004");
    const res = await send(conversationId, { template: { name: "nao_existe", language: "pt_BR" } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const failed = await settled(res.body.id, "failed");
    expect(failed.error).toBe(
      "WhatsApp: (#132001) Template name does not exist in the translation (code 132001)",
    );
    expect(failed.channelMessageId).toBeNull();

    // once approved in WhatsApp Manager, a retry sends it, still outside the window
    whatsapp.addTemplate("nao_existe", "pt_BR");
    const retried = await api.rest<MessageDto>("POST", `/messages/${res.body.id}/retry`, {
      token: owner.token,
      body: {},
    });
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    const sent = await settled(res.body.id, "sent");
    expect(whatsapp.sentTemplates.find((message) => message.to === "5511987651004")).toMatchObject({
      id: sent.channelMessageId,
      name: "nao_existe",
    });
  });

  it("marks a template with the wrong number of parameters failed with the provider's error", async () => {
    const conversationId = await closedWindowConversation("5511987651005");
    const res = await send(conversationId, {
      template: { name: "pedido_enviado", language: "pt_BR", bodyParameters: ["Maria"] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const failed = await settled(res.body.id, "failed");
    expect(failed.error).toMatch(/\(code 132000\)$/);
  });

  it("refuses a template on a Telegram conversation with 422, storing nothing", async () => {
    const conversationId = await insertConversation(api, owner.organization.id, {
      channel: "telegram",
      integrationId: telegramIntegration,
      threadId: "912345001",
    });
    const res = await send(conversationId, { template: { name: "boas_vindas", language: "pt_BR" } });
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/templates are a WhatsApp feature/i);
    const thread = await api.rest<{ items: MessageDto[] }>(
      "GET",
      `/conversations/${conversationId}/messages`,
      {
        token: owner.token,
      },
    );
    expect(thread.body.items).toEqual([]);
  });

  it("answers 400 with field errors for a bad name, language or parameters", async () => {
    const conversationId = await closedWindowConversation("5511987651006");
    const res = await send(conversationId, {
      template: {
        name: "Pedido Enviado",
        language: "portuguese",
        bodyParameters: Array.from({ length: 21 }, () => "x"),
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.data.fieldErrors).toMatchObject({
      "template.name": [expect.stringMatching(/lower-case letters, digits or underscores/)],
      "template.language": [expect.stringMatching(/pt_BR/)],
      "template.bodyParameters": [expect.stringMatching(/at most 20/)],
    });
    const multiline = await send(conversationId, {
      template: { name: "pedido_enviado", language: "pt_BR", bodyParameters: ["Maria", "linha 1\nlinha 2"] },
    });
    expect(multiline.status).toBe(400);
    expect(multiline.body.data.fieldErrors).toEqual({
      "template.bodyParameters.1": [expect.stringMatching(/line breaks/)],
    });
    const thread = await api.rest<{ items: MessageDto[] }>(
      "GET",
      `/conversations/${conversationId}/messages`,
      {
        token: owner.token,
      },
    );
    expect(thread.body.items).toEqual([]);
  });

  it("answers 400 for a text and a template together, and for neither", async () => {
    const conversationId = await closedWindowConversation("5511987651007");
    const both = await send(conversationId, {
      text: "Olá",
      template: { name: "boas_vindas", language: "pt_BR" },
    });
    expect(both.status).toBe(400);
    expect(both.body.data.fieldErrors).toMatchObject({ text: [expect.stringMatching(/not both/)] });
    const neither = await send(conversationId, {});
    expect(neither.status).toBe(400);
    expect(neither.body.data.fieldErrors).toMatchObject({ text: [expect.any(String)] });
  });
});
