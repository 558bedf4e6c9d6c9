import type { integrationTestResult } from "@crm/contracts";
import { type FakeTelegram, startFakeTelegram } from "@crm/integrations/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { startTestApi, type TestApi } from "../../testing/harness";
import { createIntegration, type IntegrationBody } from "./integration-fixtures";

type TestResultDto = z.output<typeof integrationTestResult>;

const publicUrl = "https://crm.example.com.br";
let telegram: FakeTelegram;
let api: TestApi;
let owner: Awaited<ReturnType<TestApi["register"]>>;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  api = await startTestApi({ TELEGRAM_API_BASE: telegram.apiBase, PUBLIC_URL: publicUrl });
  owner = await api.register();
}, 60_000);
afterAll(async () => {
  await api?.close();
  await telegram?.close();
});

const connect = async (config: object = telegram.config) => {
  const res = await createIntegration(api, owner.token, { channel: "telegram", name: "Bot", config });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};
const test = async (id: string) =>
  (await api.rest<TestResultDto>("POST", `/integrations/${id}/test`, { token: owner.token, body: {} })).body;
const patch = (id: string, body: object) =>
  api.rest<IntegrationBody>("PATCH", `/integrations/${id}`, { token: owner.token, body });

describe("Telegram's webhook is registered by the server (setWebhook)", () => {
  it("connecting calls setWebhook with the integration's URL and secret token", async () => {
    const created = await connect();
    expect(created.webhookUrl).toBe(`${publicUrl}/webhooks/telegram/${created.id}`);
    expect(telegram.webhooks.at(-1)).toEqual({
      url: created.webhookUrl,
      secret_token: telegram.config.secretToken,
    });
    expect(telegram.webhook.url).toBe(created.webhookUrl);
    expect(created.lastTestError).toBeNull();
  });

  it("a new secret token is registered again; switching back on registers again; deleting deletes it", async () => {
    const created = await connect();
    const secretToken = "a_new_secret_token_0123456789";
    expect((await patch(created.id, { config: { secretToken } })).status).toBe(200);
    expect(telegram.webhook).toMatchObject({ url: created.webhookUrl, secretToken });

    await patch(created.id, { isActive: false });
    telegram.webhook.url = "https://elsewhere.example.com/hook";
    expect((await patch(created.id, { isActive: true })).body.lastTestError).toBeNull();
    expect(telegram.webhook.url).toBe(created.webhookUrl);

    const removed = await api.rest("DELETE", `/integrations/${created.id}`, { token: owner.token });
    expect(removed.status).toBe(200);
    expect(telegram.webhook.url).toBe("");
  });

  it("Test reports a delivery error and sets a registration that points elsewhere again", async () => {
    const created = await connect();
    telegram.failDeliveries("Wrong response from the webhook: 503 Service Unavailable");
    const failing = await test(created.id);
    expect(failing.ok).toBe(false);
    expect(failing.error).toContain("Wrong response from the webhook: 503 Service Unavailable");

    telegram.webhook.url = "https://elsewhere.example.com/hook";
    const fixed = await test(created.id);
    expect(fixed).toMatchObject({ ok: true, identity: `@${telegram.bot.username}`, error: null });
    expect(telegram.webhook.url).toBe(created.webhookUrl);
  });
});

describe("Telegram refusing the webhook URL", () => {
  let plain: TestApi;
  beforeAll(async () => {
    plain = await startTestApi({ TELEGRAM_API_BASE: telegram.apiBase, PUBLIC_URL: "http://localhost:3000" });
  }, 60_000);
  afterAll(() => plain?.close());

  it("an HTTP public URL is refused: the integration is kept and says why, and Test says it again", async () => {
    const me = await plain.register();
    const res = await createIntegration(plain, me.token, {
      channel: "telegram",
      name: "Bot",
      config: telegram.config,
    });
    expect(res.status).toBe(201);
    expect(res.body.lastTestError).toContain("An HTTPS URL must be provided for webhook");
    const again = await plain.rest<TestResultDto>("POST", `/integrations/${res.body.id}/test`, {
      token: me.token,
      body: {},
    });
    expect(again.body.ok).toBe(false);
    expect(again.body.error).toContain("An HTTPS URL must be provided for webhook");
  });
});
