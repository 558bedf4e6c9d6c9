import type { ChannelAdapter, WebhookRequest } from "@crm/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannelAdapters, defaultChannelApiBases } from "../adapters";
import { type FakeTelegram, signedTelegramWebhook, startFakeTelegram, telegramTextUpdate } from "../testing";

let fake: FakeTelegram;
let adapter: ChannelAdapter<"telegram">;

beforeAll(async () => {
  fake = await startFakeTelegram();
  adapter = createChannelAdapters({ ...defaultChannelApiBases, telegram: fake.apiBase }).get("telegram");
});
afterAll(() => fake.close());

const request = (body: string, headers: Record<string, string>): WebhookRequest => ({
  rawBody: new TextEncoder().encode(body),
  headers,
  now: Math.floor(Date.now() / 1000),
});

describe("Telegram webhook", () => {
  it("accepts the setWebhook secret token and nothing else", () => {
    const update = telegramTextUpdate({ chatId: 42, text: "oi" });
    const good = signedTelegramWebhook(update, fake.config.secretToken);
    expect(adapter.verify(request(good.body, good.headers), fake.config)).toBe(true);
    const bad = signedTelegramWebhook(update, `${fake.config.secretToken}x`);
    expect(adapter.verify(request(bad.body, bad.headers), fake.config)).toBe(false);
    expect(adapter.verify(request(good.body, {}), fake.config)).toBe(false);
  });

  it("names the bot and the update id as the event id, update ids counting per bot", () => {
    const botId = fake.config.botToken.split(":")[0];
    expect(adapter.eventId?.({ update_id: 991 }, fake.config)).toBe(`${botId}:991`);
    const other = { ...fake.config, botToken: "123456:AAother" };
    expect(adapter.eventId?.({ update_id: 991 }, other)).toBe("123456:991");
    expect(adapter.eventId?.({}, fake.config)).toBeUndefined();
  });

  it("puts the bot of the stored event id into message ids; a log stored without it keeps the older ids", () => {
    const update = telegramTextUpdate({ chatId: 42, messageId: 7, text: "Olá" });
    const reply = {
      ...update,
      message: { ...(update.message as object), reply_to_message: { message_id: 3, chat: { id: 42 } } },
    };
    const integrationId = "5f0c6a52-36a4-4a55-8a6e-0ad2b0d6c1f4";
    const [current] = adapter.parse(reply, "webhook", `${integrationId}:123456:${update.update_id}`).messages;
    expect(current).toMatchObject({
      channelMessageId: "123456:42:7",
      replyToChannelMessageId: "123456:42:3",
      formerChannelMessageId: "42:7",
    });
    for (const older of [`${integrationId}:${update.update_id}`, null, undefined]) {
      const [message] = adapter.parse(reply, "webhook", older).messages;
      expect(message).toMatchObject({ channelMessageId: "42:7", replyToChannelMessageId: "42:3" });
      expect(message).not.toHaveProperty("formerChannelMessageId");
    }
  });

  it("parses messages, edits and channel posts, with chat-scoped ids, media and replies", () => {
    const text = telegramTextUpdate({
      chatId: 42,
      messageId: 7,
      text: "Olá",
      from: { id: 42, firstName: "Maria", lastName: "Silva", username: "maria" },
    });
    expect(adapter.parse(text).messages).toEqual([
      {
        channelMessageId: "42:7",
        threadId: "42",
        sender: { channelUserId: "42", name: "Maria Silva", username: "maria" },
        sentAt: expect.any(Date),
        contentType: "text",
        text: "Olá",
      },
    ]);

    const photo = adapter.parse({
      update_id: 2,
      edited_message: {
        message_id: 8,
        chat: { id: -100123, type: "supergroup" },
        from: { id: 5, is_bot: false, first_name: "João" },
        date: 1_700_000_000,
        photo: [
          { file_id: "small", file_size: 10 },
          { file_id: "large", file_size: 100 },
        ],
        caption: "olha",
        reply_to_message: { message_id: 3 },
      },
    });
    expect(photo.messages[0]).toMatchObject({
      channelMessageId: "-100123:8",
      contentType: "image",
      text: "olha",
      media: { providerMediaId: "large", sizeBytes: 100 },
      replyToChannelMessageId: "-100123:3",
      sentAt: new Date(1_700_000_000_000),
    });

    const post = adapter.parse({
      update_id: 3,
      channel_post: {
        message_id: 1,
        chat: { id: -1001, type: "channel" },
        sender_chat: { id: -1001, title: "Canal" },
        date: 1,
        text: "aviso",
      },
    });
    expect(post.messages[0]?.sender).toEqual({ channelUserId: "-1001", name: "Canal" });
  });

  it("takes an anonymous group admin's message as the group's, though its `from` is a placeholder bot", () => {
    const parsed = adapter.parse({
      update_id: 4,
      message: {
        message_id: 7,
        chat: { id: -1002, type: "supergroup", title: "Clientes VIP" },
        from: { id: 1087968824, is_bot: true, first_name: "Group", username: "GroupAnonymousBot" },
        sender_chat: { id: -1002, title: "Clientes VIP" },
        date: 1,
        text: "Promoção amanhã",
      },
    });
    expect(parsed.messages).toEqual([
      expect.objectContaining({
        channelMessageId: "-1002:7",
        sender: { channelUserId: "-1002", name: "Clientes VIP" },
        text: "Promoção amanhã",
      }),
    ]);
  });

  it("ignores bots and updates without messages", () => {
    expect(
      adapter.parse({
        update_id: 1,
        message: { message_id: 1, chat: { id: 1 }, from: { id: 2, is_bot: true }, date: 1, text: "x" },
      }).messages,
    ).toEqual([]);
    expect(adapter.parse({ update_id: 1, callback_query: {} }).messages).toEqual([]);
  });
});

describe("Telegram Bot API calls", () => {
  it("sends a message and returns <bot>:<chat>:<message id>, replying when asked", async () => {
    const botId = fake.config.botToken.split(":")[0];
    const first = await adapter.send(fake.config, { threadId: "42", text: "Olá" });
    const firstId = fake.sent.at(-1)?.messageId;
    expect(first).toEqual({ ok: true, channelMessageId: `${botId}:42:${firstId}` });
    const reply = await adapter.send(fake.config, {
      threadId: "42",
      text: "De novo",
      replyToChannelMessageId: `${botId}:42:${firstId}`,
    });
    expect(reply).toEqual({ ok: true, channelMessageId: `${botId}:42:${fake.sent.at(-1)?.messageId}` });
    expect(fake.sent.at(-1)).toMatchObject({ chatId: "42", text: "De novo", replyTo: firstId });
    // an id stored before the bot was part of it is still replied to
    await adapter.send(fake.config, { threadId: "42", text: "Antiga", replyToChannelMessageId: "42:5" });
    expect(fake.sent.at(-1)).toMatchObject({ text: "Antiga", replyTo: 5 });
  });

  it("does not quote another bot's message in a private chat, whose numbers are that bot's", async () => {
    await adapter.send(fake.config, { threadId: "42", text: "a", replyToChannelMessageId: "123456:42:5" });
    expect(fake.sent.at(-1)).toMatchObject({ text: "a", replyTo: undefined });
    // a group numbers its messages for every bot alike
    await adapter.send(fake.config, {
      threadId: "-1007",
      text: "b",
      replyToChannelMessageId: "123456:-1007:5",
    });
    expect(fake.sent.at(-1)).toMatchObject({ text: "b", replyTo: 5 });
  });

  it("maps errors: 401 final, 429 and 500 retryable, the description kept", async () => {
    fake.failNext(401);
    expect(await adapter.send(fake.config, { threadId: "42", text: "x" })).toEqual({
      ok: false,
      error: "Telegram: Unauthorized",
      retryable: false,
    });
    fake.failNext(429);
    expect(await adapter.send(fake.config, { threadId: "42", text: "x" })).toEqual({
      ok: false,
      error: "Telegram: Too Many Requests: retry after 5 (retry after 5s)",
      retryable: true,
    });
    fake.failNext(500);
    expect(await adapter.send(fake.config, { threadId: "42", text: "x" })).toMatchObject({ retryable: true });
  });

  it("getMe tells the bot's username; a wrong token is refused", async () => {
    expect(await adapter.whoAmI(fake.config)).toEqual({ ok: true, identity: `@${fake.bot.username}` });
    expect(await adapter.whoAmI({ ...fake.config, botToken: "1:AAwrongwrongwrongwrongwrong" })).toEqual({
      ok: false,
      error: "Telegram: Unauthorized",
    });
  });

  it("never puts the bot token in an error", async () => {
    const offline = createChannelAdapters({ ...defaultChannelApiBases, telegram: "http://127.0.0.1:9" }).get(
      "telegram",
    );
    const result = await offline.whoAmI(fake.config);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(fake.config.botToken);
  });

  it("downloads a file through getFile", async () => {
    const bytes = new Uint8Array([9, 8, 7]);
    const fileId = fake.addFile(bytes, "photos/file_1.jpg");
    expect(
      await adapter.downloadMedia(fake.config, { providerMediaId: fileId, mimeType: "image/jpeg" }),
    ).toEqual({
      ok: true,
      bytes,
      mimeType: "image/jpeg",
    });
    expect(await adapter.downloadMedia(fake.config, { providerMediaId: "missing" })).toMatchObject({
      ok: false,
      retryable: false,
    });
  });
});

describe("Telegram webhook registration (setWebhook, getWebhookInfo, deleteWebhook)", () => {
  const url = "https://crm.example.com.br/webhooks/telegram/0b9f7d1e-4c1a-4f59-9d1e-6a1c2b3d4e5f";

  it("registers the URL with the integration's secret token, and getWebhookInfo then names it", async () => {
    expect(await adapter.registerWebhook?.(fake.config, url)).toEqual({ ok: true });
    expect(fake.webhooks.at(-1)).toEqual({ url, secret_token: fake.config.secretToken });
    expect(await adapter.webhookRegistration?.(fake.config)).toEqual({ ok: true, url, lastError: null });
  });

  it("reports Telegram's refusal of a URL that is not HTTPS", async () => {
    const result = await adapter.registerWebhook?.(fake.config, "http://localhost:3000/webhooks/telegram/1");
    expect(result).toEqual({
      ok: false,
      error: "Telegram: Bad Request: bad webhook: An HTTPS URL must be provided for webhook",
    });
  });

  it("tells another URL and the last delivery error apart from a good registration", async () => {
    await adapter.registerWebhook?.(fake.config, "https://other.example.com/hook");
    fake.failDeliveries("Wrong response from the webhook: 401 Unauthorized");
    expect(await adapter.webhookRegistration?.(fake.config)).toEqual({
      ok: true,
      url: "https://other.example.com/hook",
      lastError: "Wrong response from the webhook: 401 Unauthorized",
    });
  });

  it("deletes the webhook, after which getWebhookInfo names no URL", async () => {
    await adapter.registerWebhook?.(fake.config, url);
    expect(await adapter.unregisterWebhook?.(fake.config)).toEqual({ ok: true });
    expect(fake.webhook.url).toBe("");
    expect(await adapter.webhookRegistration?.(fake.config)).toEqual({ ok: true, url: "", lastError: null });
  });
});
