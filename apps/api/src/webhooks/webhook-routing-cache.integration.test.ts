import {
  type FakeTelegram,
  type FakeWhatsApp,
  postWebhook,
  signedTelegramWebhook,
  signedWhatsAppWebhook,
  startFakeTelegram,
  startFakeWhatsApp,
  telegramTextUpdate,
  whatsAppTextWebhook,
} from "@crm/integrations/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useTestApi } from "../testing/harness";

/*
 * Webhooks are routed through a per-process cache of integrations (no query per webhook). Whatever changes
 * an integration, through this process or behind its back (another replica, SQL), the next webhook must
 * see it: the cached copy is only trusted inside the statement that stores the webhook.
 */

let whatsapp: FakeWhatsApp;
let telegram: FakeTelegram;
let owner: { token: string };

// Before useTestApi on purpose: the fakes start first and (after-hooks run in reverse) close last.
beforeAll(async () => {
  [whatsapp, telegram] = await Promise.all([startFakeWhatsApp(), startFakeTelegram()]);
});
afterAll(async () => {
  await Promise.all([whatsapp?.close(), telegram?.close()]);
});
const api = useTestApi(() => ({ WHATSAPP_API_BASE: whatsapp.apiBase }));
beforeAll(async () => {
  owner = await api.register();
});

let numbers = 0;
async function connectWhatsApp() {
  numbers += 1;
  const config = whatsapp.addPhoneNumber({ phoneNumberId: `77${Date.now()}${numbers}` });
  const res = await api.rest<{ id: string }>("POST", "/integrations", {
    token: owner.token,
    body: { channel: "whatsapp", name: "WhatsApp", config },
  });
  expect(res.status).toBe(201);
  return { id: res.body.id, config };
}

const logsOf = (integrationId: string) =>
  api.container.db.db
    .selectFrom("webhook_logs")
    .select("id")
    .where("integration_id", "=", integrationId)
    .execute();

function postWhatsApp(phoneNumberId: string, appSecret: string) {
  const payload = whatsAppTextWebhook({ phoneNumberId, from: "5511987654321", text: "oi" });
  return postWebhook(`${api.baseUrl}/webhooks/whatsapp`, signedWhatsAppWebhook(payload, appSecret));
}

describe("webhook routing with cached integrations", () => {
  it("verifies with the new app secret at once after the credentials changed", async () => {
    const { id, config } = await connectWhatsApp();
    expect((await postWhatsApp(config.phoneNumberId, config.appSecret)).status).toBe(200);
    const appSecret = "a-brand-new-app-secret-0123456789";
    const patched = await api.rest("PATCH", `/integrations/${id}`, {
      token: owner.token,
      body: { config: { ...config, appSecret } },
    });
    expect(patched.status).toBe(200);

    expect((await postWhatsApp(config.phoneNumberId, appSecret)).status).toBe(200);
    expect((await postWhatsApp(config.phoneNumberId, config.appSecret)).status).toBe(401);
    expect(await logsOf(id)).toHaveLength(2);
  });

  it("holds webhooks at once for an integration switched off behind the process's back", async () => {
    const { id, config } = await connectWhatsApp();
    expect((await postWhatsApp(config.phoneNumberId, config.appSecret)).status).toBe(200);
    // as another API replica would: this process's cache is not told
    await api.container.db.db
      .updateTable("integrations")
      .set({ is_active: false })
      .where("id", "=", id)
      .execute();

    expect((await postWhatsApp(config.phoneNumberId, config.appSecret)).status).toBe(200);
    const statuses = await api.container.db.db
      .selectFrom("webhook_logs")
      .select("status")
      .where("integration_id", "=", id)
      .where("status", "=", "held")
      .execute();
    expect(statuses).toHaveLength(1);
    expect(await logsOf(id)).toHaveLength(2);
  });

  it("answers 404 at once for a deleted integration", async () => {
    const created = await api.rest<{ id: string }>("POST", "/integrations", {
      token: owner.token,
      body: { channel: "telegram", name: "Telegram", config: telegram.config },
    });
    const url = `${api.baseUrl}/webhooks/telegram/${created.body.id}`;
    const update = () => telegramTextUpdate({ chatId: 7, text: "oi" });
    expect((await postWebhook(url, telegram.signedWebhook(update()))).status).toBe(200);
    // processed first: deleting an integration while one of its webhooks is being processed can deadlock
    await vi.waitFor(async () => {
      const logs = await api.container.db.db
        .selectFrom("webhook_logs")
        .select("status")
        .where("integration_id", "=", created.body.id)
        .execute();
      expect(logs).toEqual([{ status: "success" }]);
    });
    expect(
      (await api.rest("DELETE", `/integrations/${created.body.id}`, { token: owner.token })).status,
    ).toBe(200);

    expect((await postWebhook(url, telegram.signedWebhook(update()))).status).toBe(404);
    expect((await postWebhook(url, signedTelegramWebhook(update(), "wrong-token-0123456789"))).status).toBe(
      404,
    );
  });

  it("routes a phone number moved to another integration to the new one", async () => {
    const first = await connectWhatsApp();
    expect((await postWhatsApp(first.config.phoneNumberId, first.config.appSecret)).status).toBe(200);
    const moved = `88${Date.now()}`;
    await api.container.db.db
      .updateTable("integrations")
      .set({ external_id: moved })
      .where("id", "=", first.id)
      .execute();

    expect((await postWhatsApp(first.config.phoneNumberId, first.config.appSecret)).status).toBe(404);
    expect((await postWhatsApp(moved, first.config.appSecret)).status).toBe(200);
    expect(await logsOf(first.id)).toHaveLength(2);
  });
});
