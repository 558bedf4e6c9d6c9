import { webhookProcessAttempts } from "@crm/domain";
import {
  discordCommandInteraction,
  discordPing,
  type FakeDiscord,
  type FakeSlack,
  type FakeTelegram,
  type FakeWhatsApp,
  fakeDiscordKeyPair,
  postWebhook,
  type SignedWebhook,
  signedDiscordWebhook,
  signedSlackWebhook,
  signedTelegramWebhook,
  signedWhatsAppWebhook,
  slackMessageEvent,
  slackUrlVerification,
  startFakeDiscord,
  startFakeSlack,
  startFakeTelegram,
  startFakeWhatsApp,
  telegramTextUpdate,
  whatsAppTextWebhook,
} from "@crm/integrations/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it, type MockInstance, vi } from "vitest";
import { useTestApi } from "../testing/harness";

let whatsapp: FakeWhatsApp;
let telegram: FakeTelegram;
let slack: FakeSlack;
let discord: FakeDiscord;
let owner: { token: string };
const ids = { whatsapp: "", telegram: "", slack: "", discord: "" };
let enqueue: MockInstance;

// Before useTestApi on purpose: the fakes start first and (after-hooks run in reverse) close last.
beforeAll(async () => {
  [whatsapp, telegram, slack, discord] = await Promise.all([
    startFakeWhatsApp(),
    startFakeTelegram(),
    startFakeSlack(),
    startFakeDiscord(),
  ]);
});
afterAll(async () => {
  await Promise.all([whatsapp, telegram, slack, discord].map((fake) => fake?.close()));
});
const api = useTestApi(() => ({ WHATSAPP_API_BASE: whatsapp.apiBase }));
beforeAll(async () => {
  owner = await api.register();
  for (const [channel, config] of [
    ["whatsapp", whatsapp.config],
    ["telegram", telegram.config],
    ["slack", slack.config],
    ["discord", discord.config],
  ] as const) {
    const res = await api.rest<{ id: string }>("POST", "/integrations", {
      token: owner.token,
      body: { channel, name: channel, config },
    });
    ids[channel] = res.body.id;
  }
});
afterEach(() => enqueue?.mockRestore());

const spyOnQueue = () => {
  enqueue = vi.spyOn(api.container.queue, "enqueue");
  return enqueue;
};

const post = (path: string, webhook: SignedWebhook) =>
  postWebhook(`${api.baseUrl}/webhooks/${path}`, webhook);

const logsOf = (integrationId: string) =>
  api.container.db.db
    .selectFrom("webhook_logs")
    .select(["id", "status", "payload", "raw_body", "event_id", "error_message", "source", "organization_id"])
    .where("integration_id", "=", integrationId)
    .orderBy("created_at")
    .execute();

/** The last log of an integration, once the request that wrote it has answered. */
async function lastLog(integrationId: string) {
  return (await logsOf(integrationId)).at(-1);
}

function expectQueued(logId: string | undefined) {
  expect(enqueue).toHaveBeenCalledWith(
    "webhook-process",
    { webhookLogId: logId },
    { jobId: logId, attempts: webhookProcessAttempts },
  );
}

describe("WhatsApp", () => {
  const message = () =>
    whatsAppTextWebhook({ phoneNumberId: whatsapp.config.phoneNumberId, from: "551187654321", text: "Oi" });

  it("answers Meta's subscription check with the challenge when the verify token is ours", async () => {
    const query = (token: string, mode = "subscribe") =>
      fetch(
        `${api.baseUrl}/webhooks/whatsapp?hub.mode=${mode}&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=1158201444`,
      );
    const ok = await query(whatsapp.config.verifyToken);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    expect((await query("not-our-token")).status).toBe(403);
    expect((await query(whatsapp.config.verifyToken, "unsubscribe")).status).toBe(403);
  });

  it("stores a signed webhook for the integration of its phone number id and queues it", async () => {
    spyOnQueue();
    const payload = message();
    const res = await post("whatsapp", whatsapp.signedWebhook(payload));
    expect(res.status).toBe(200);
    const log = await lastLog(ids.whatsapp);
    expect(log).toMatchObject({ payload, source: "webhook", raw_body: null });
    expectQueued(log?.id);
  });

  it("stores a signed webhook whose text holds a lone surrogate, as U+FFFD, and answers 200", async () => {
    spyOnQueue();
    // half an emoji: JSON.stringify writes it as the escape "\ud83d", which jsonb refuses
    const payload = whatsAppTextWebhook({
      phoneNumberId: whatsapp.config.phoneNumberId,
      from: "551187654321",
      text: "metade \ud83d de um emoji",
    });
    const res = await post("whatsapp", whatsapp.signedWebhook(payload));
    expect(res.status).toBe(200);
    const log = await lastLog(ids.whatsapp);
    expect(log?.status).toBe("pending");
    expect(JSON.stringify(log?.payload)).toContain("metade \ufffd de um emoji");
    expectQueued(log?.id);
  });

  it("rejects a bad or missing signature with 401 and stores nothing", async () => {
    spyOnQueue();
    const before = (await logsOf(ids.whatsapp)).length;
    expect((await post("whatsapp", signedWhatsAppWebhook(message(), "wrong-secret"))).status).toBe(401);
    const unsigned = whatsapp.signedWebhook(message());
    expect(
      (await post("whatsapp", { body: unsigned.body, headers: { "content-type": "application/json" } }))
        .status,
    ).toBe(401);
    expect(await logsOf(ids.whatsapp)).toHaveLength(before);
    expect(enqueue).not.toHaveBeenCalled();
  });

  it("answers 404 for a phone number no integration has", async () => {
    const other = whatsAppTextWebhook({ phoneNumberId: "999000999", from: "5511987654321", text: "x" });
    expect((await post("whatsapp", whatsapp.signedWebhook(other))).status).toBe(404);
  });
});

describe("Telegram", () => {
  it("stores an update sent with the secret token, with its bot and update id, and queues it", async () => {
    spyOnQueue();
    const update = telegramTextUpdate({ chatId: 42, text: "Olá" });
    const res = await post(`telegram/${ids.telegram}`, telegram.signedWebhook(update));
    expect(res.status).toBe(200);
    const log = await lastLog(ids.telegram);
    expect(log).toMatchObject({
      payload: update,
      event_id: `${ids.telegram}:${telegram.bot.id}:${update.update_id}`,
    });
    expectQueued(log?.id);
  });

  it("stores a redelivered update once", async () => {
    spyOnQueue();
    const update = telegramTextUpdate({ chatId: 42, text: "duas vezes" });
    expect((await post(`telegram/${ids.telegram}`, telegram.signedWebhook(update))).status).toBe(200);
    expect((await post(`telegram/${ids.telegram}`, telegram.signedWebhook(update))).status).toBe(200);
    const stored = (await logsOf(ids.telegram)).filter(
      (log) => log.event_id === `${ids.telegram}:${telegram.bot.id}:${update.update_id}`,
    );
    expect(stored).toHaveLength(1);
    expect(enqueue).toHaveBeenCalledTimes(1);
  });

  it("stores a signed update whose text holds NUL (U+0000), without the NUL, and answers 200", async () => {
    spyOnQueue();
    const update = telegramTextUpdate({ chatId: 42, text: "oi\u0000x" });
    const res = await post(`telegram/${ids.telegram}`, telegram.signedWebhook(update));
    expect(res.status).toBe(200);
    const log = await lastLog(ids.telegram);
    expect(log).toMatchObject({
      status: "pending",
      event_id: `${ids.telegram}:${telegram.bot.id}:${update.update_id}`,
      payload: { message: { text: "oix" } },
    });
    expectQueued(log?.id);
  });

  it("rejects a wrong secret token with 401 and stores nothing", async () => {
    const before = (await logsOf(ids.telegram)).length;
    const res = await post(
      `telegram/${ids.telegram}`,
      signedTelegramWebhook(telegramTextUpdate({ chatId: 1, text: "x" }), "wrong-token-0123456789"),
    );
    expect(res.status).toBe(401);
    expect(await logsOf(ids.telegram)).toHaveLength(before);
  });

  it("stores a body that is not JSON as failed, with the reason, and answers 200", async () => {
    spyOnQueue();
    const res = await post(`telegram/${ids.telegram}`, telegram.signedWebhook("{not json"));
    expect(res.status).toBe(200);
    const log = await lastLog(ids.telegram);
    expect(log).toMatchObject({ status: "failed", payload: null, raw_body: "{not json" });
    expect(log?.error_message).toMatch(/^Malformed JSON/);
    expect(enqueue).not.toHaveBeenCalled();
  });

  it("answers 404 for an unknown integration, a malformed id or another channel's integration", async () => {
    const webhook = telegram.signedWebhook(telegramTextUpdate({ chatId: 1, text: "x" }));
    expect((await post("telegram/00000000-0000-4000-8000-000000000000", webhook)).status).toBe(404);
    expect((await post("telegram/not-a-uuid", webhook)).status).toBe(404);
    expect((await post(`telegram/${ids.slack}`, webhook)).status).toBe(404);
  });

  it("still answers 200 with the row stored when the queue is down (the sweeper queues it later)", async () => {
    spyOnQueue().mockRejectedValue(new Error("Connection is closed."));
    const update = telegramTextUpdate({ chatId: 42, text: "sem fila" });
    expect((await post(`telegram/${ids.telegram}`, telegram.signedWebhook(update))).status).toBe(200);
    expect(await lastLog(ids.telegram)).toMatchObject({
      status: "pending",
      event_id: `${ids.telegram}:${telegram.bot.id}:${update.update_id}`,
    });
  });
});

describe("Slack", () => {
  it("answers url_verification with the challenge, storing nothing", async () => {
    const before = (await logsOf(ids.slack)).length;
    const res = await post(
      `slack/${ids.slack}`,
      slack.signedWebhook(slackUrlVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
    expect(await logsOf(ids.slack)).toHaveLength(before);
  });

  it("stores a signed event with its event id and queues it", async () => {
    spyOnQueue();
    const event = slackMessageEvent({ channel: "C1", user: "U1", text: "oi" });
    expect((await post(`slack/${ids.slack}`, slack.signedWebhook(event))).status).toBe(200);
    const log = await lastLog(ids.slack);
    expect(log).toMatchObject({ payload: event, event_id: `${ids.slack}:${event.event_id}` });
    expectQueued(log?.id);
  });

  it("rejects a replayed request (timestamp older than five minutes) with 401, even correctly signed", async () => {
    const before = (await logsOf(ids.slack)).length;
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    const replay = signedSlackWebhook(
      slackMessageEvent({ channel: "C1", user: "U1", text: "x" }),
      slack.config.signingSecret,
      old,
    );
    expect((await post(`slack/${ids.slack}`, replay)).status).toBe(401);
    const wrong = signedSlackWebhook(
      slackMessageEvent({ channel: "C1", user: "U1", text: "x" }),
      "not-the-secret",
    );
    expect((await post(`slack/${ids.slack}`, wrong)).status).toBe(401);
    expect(await logsOf(ids.slack)).toHaveLength(before);
  });

  it("stores a malformed body as failed and answers 200", async () => {
    expect((await post(`slack/${ids.slack}`, slack.signedWebhook("payload=%7B"))).status).toBe(200);
    expect(await lastLog(ids.slack)).toMatchObject({ status: "failed", raw_body: "payload=%7B" });
  });
});

describe("Discord interactions", () => {
  it("answers PING with PONG when signed, 401 otherwise", async () => {
    const ping = discordPing(discord.config.applicationId);
    const ok = await post(`discord/${ids.discord}`, discord.signedWebhook(ping));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ type: 1 });
    const forged = await post(
      `discord/${ids.discord}`,
      signedDiscordWebhook(ping, fakeDiscordKeyPair().privateKey),
    );
    expect(forged.status).toBe(401);
  });

  it("stores a command, queues it and acknowledges it to Discord", async () => {
    spyOnQueue();
    const command = discordCommandInteraction({
      applicationId: discord.config.applicationId,
      channelId: "123",
      name: "ajuda",
    });
    const res = await post(`discord/${ids.discord}`, discord.signedWebhook(command));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ type: 4 });
    const log = await lastLog(ids.discord);
    expect(log).toMatchObject({ payload: command, event_id: `${ids.discord}:${command.id}` });
    expectQueued(log?.id);
  });

  it("stores a malformed body as failed and answers 200", async () => {
    expect((await post(`discord/${ids.discord}`, discord.signedWebhook("<xml/>"))).status).toBe(200);
    expect(await lastLog(ids.discord)).toMatchObject({ status: "failed", raw_body: "<xml/>" });
  });
});

describe("an inactive integration", () => {
  it("keeps a verified webhook as held, unqueued; a bad signature is still 401 and stores nothing", async () => {
    const created = await api.rest<{ id: string }>("POST", "/integrations", {
      token: owner.token,
      body: { channel: "telegram", name: "off", config: telegram.config },
    });
    await api.rest("PATCH", `/integrations/${created.body.id}`, {
      token: owner.token,
      body: { isActive: false },
    });
    const update = telegramTextUpdate({ chatId: 5, text: "x" });
    const queue = spyOnQueue();
    expect((await post(`telegram/${created.body.id}`, telegram.signedWebhook(update))).status).toBe(200);
    expect(await logsOf(created.body.id)).toEqual([
      expect.objectContaining({
        status: "held",
        event_id: `${created.body.id}:${telegram.bot.id}:${update.update_id}`,
      }),
    ]);
    expect(queue).not.toHaveBeenCalled();
    const [held] = await logsOf(created.body.id);
    const retry = await api.rest<{ message: string }>(
      "POST",
      `/integrations/${created.body.id}/webhook-logs/${held?.id}/retry`,
      { token: owner.token },
    );
    expect(retry.status).toBe(409);
    expect(retry.body.message).toMatch(/switched off/);
    expect(await logsOf(created.body.id)).toEqual([expect.objectContaining({ status: "held" })]);
    expect(queue).not.toHaveBeenCalled();
    const forged = telegramTextUpdate({ chatId: 5, text: "forjada" });
    expect(
      (await post(`telegram/${created.body.id}`, signedTelegramWebhook(forged, "wrong-token-0123456789")))
        .status,
    ).toBe(401);
    expect(await logsOf(created.body.id)).toHaveLength(1);
  });

  it("still answers Slack's url_verification, so the endpoint can be set up before it is switched on", async () => {
    const created = await api.rest<{ id: string }>("POST", "/integrations", {
      token: owner.token,
      body: { channel: "slack", name: "off", config: slack.config },
    });
    await api.rest("PATCH", `/integrations/${created.body.id}`, {
      token: owner.token,
      body: { isActive: false },
    });
    const res = await post(
      `slack/${created.body.id}`,
      slack.signedWebhook(slackUrlVerification("desligado")),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: "desligado" });
    expect(await logsOf(created.body.id)).toHaveLength(0);
  });
});
