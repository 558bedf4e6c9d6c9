import {
  type FakeTelegram,
  type FakeWhatsApp,
  startFakeTelegram,
  startFakeWhatsApp,
} from "@crm/integrations/testing/index";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApi, type TestApi } from "../../testing/harness";
import { type ErrorDto, insertConversation, type MessageDto, recordEvents } from "./conversation-fixtures";

let api: TestApi;
let whatsapp: FakeWhatsApp;
let telegram: FakeTelegram;
let owner: Awaited<ReturnType<TestApi["register"]>>;
let whatsappIntegration: string;
let telegramIntegration: string;

beforeAll(async () => {
  whatsapp = await startFakeWhatsApp();
  telegram = await startFakeTelegram();
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

const whatsappConversation = (threadId: string) =>
  insertConversation(api, owner.organization.id, {
    integrationId: whatsappIntegration,
    threadId,
    lastInboundMinutesAgo: 10,
  });

const send = (conversationId: string, body: unknown) =>
  api.rest<MessageDto & ErrorDto>("POST", `/conversations/${conversationId}/messages`, {
    token: owner.token,
    body,
  });

const messageOf = async (id: string) =>
  (await api.rest<MessageDto>("GET", `/messages/${id}`, { token: owner.token })).body;

/** Waits for the send job to settle the message (a temporary error is retried after a backoff). */
async function settled(id: string, status: "sent" | "failed"): Promise<MessageDto> {
  await vi.waitFor(async () => expect((await messageOf(id)).status).toBe(status), {
    timeout: 15_000,
    interval: 50,
  });
  return messageOf(id);
}

describe("sending a message", () => {
  it("stores it pending, sends it through the WhatsApp integration, then marks it sent with the provider's id", async () => {
    const conversationId = await whatsappConversation("5511987650001");
    const recorder = recordEvents(api, owner.organization.id, ["new_message", "message_status"]);
    const res = await send(conversationId, { text: "Olá Maria, seu pedido saiu para entrega!" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: "pending", direction: "outbound", isPrivate: false });

    const sent = await settled(res.body.id, "sent");
    const delivered = whatsapp.sent.find((message) => message.to === "5511987650001");
    expect(delivered).toMatchObject({
      text: "Olá Maria, seu pedido saiu para entrega!",
      phoneNumberId: whatsapp.config.phoneNumberId,
    });
    expect(sent.channelMessageId).toBe(delivered?.id);
    expect(sent.error).toBeNull();
    await recorder.expectEvent("new_message", {
      conversationId,
      messageId: res.body.id,
      direction: "outbound",
    });
    await recorder.expectEvent("message_status", { messageId: res.body.id, status: "sent", error: null });

    const conversation = await api.rest<{ lastMessagePreview: string; unreadCount: number }>(
      "GET",
      `/conversations/${conversationId}`,
      { token: owner.token },
    );
    expect(conversation.body).toMatchObject({
      lastMessagePreview: "Olá Maria, seu pedido saiu para entrega!",
      unreadCount: 0,
    });
    recorder.stop();
  });

  it("sends on Telegram whenever the customer last wrote (no 24-hour rule there)", async () => {
    const conversationId = await insertConversation(api, owner.organization.id, {
      channel: "telegram",
      integrationId: telegramIntegration,
      threadId: "912345678",
      lastInboundMinutesAgo: 3 * 24 * 60,
    });
    const res = await send(conversationId, { text: "Ainda tem interesse no plano anual?" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const sent = await settled(res.body.id, "sent");
    expect(telegram.sent).toContainEqual(
      expect.objectContaining({ chatId: "912345678", text: "Ainda tem interesse no plano anual?" }),
    );
    expect(sent.channelMessageId).toEqual(expect.any(String));
  });

  it("marks it failed with the provider's error, and sends it again on retry", async () => {
    const conversationId = await whatsappConversation("5511987650002");
    whatsapp.failNext(401);
    const res = await send(conversationId, { text: "Segue o link de pagamento" });
    const failed = await settled(res.body.id, "failed");
    expect(failed.error).toMatch(/WhatsApp: Error validating access token/);
    expect(failed.channelMessageId).toBeNull();

    const retried = await api.rest<MessageDto>("POST", `/messages/${res.body.id}/retry`, {
      token: owner.token,
      body: {},
    });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: "pending", error: null });
    const sent = await settled(res.body.id, "sent");
    expect(whatsapp.sent.filter((message) => message.to === "5511987650002")).toEqual([
      expect.objectContaining({ id: sent.channelMessageId, text: "Segue o link de pagamento" }),
    ]);

    const again = await api.rest<ErrorDto>("POST", `/messages/${res.body.id}/retry`, {
      token: owner.token,
      body: {},
    });
    expect(again.status).toBe(409);
  });

  it("retries a temporary provider error by itself", async () => {
    const conversationId = await whatsappConversation("5511987650003");
    whatsapp.failNext(500);
    const res = await send(conversationId, { text: "Confirmando seu horário às 15h" });
    await settled(res.body.id, "sent");
    expect(whatsapp.sent.filter((message) => message.to === "5511987650003")).toHaveLength(1);
  });

  it("never sends a private note", async () => {
    const conversationId = await whatsappConversation("5511987650004");
    const note = await send(conversationId, {
      text: "Nota interna: cliente pediu desconto",
      isPrivate: true,
    });
    expect(note.status).toBe(201);
    const message = await send(conversationId, { text: "Podemos oferecer 5% à vista" });
    await settled(message.body.id, "sent");
    expect(whatsapp.sent.filter((sent) => sent.to === "5511987650004").map((sent) => sent.text)).toEqual([
      "Podemos oferecer 5% à vista",
    ]);
    expect((await messageOf(note.body.id)).status).toBeNull();
  });
});
