import { randomBytes, randomInt } from "node:crypto";
import { startTestApi, type TestApi } from "@crm/api/testing/harness";
import type { TelegramConfig } from "@crm/domain";
import {
  type FakeTelegram,
  postWebhook,
  signedTelegramWebhook,
  startFakeTelegram,
  telegramTextUpdate,
} from "@crm/integrations/testing/index";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

/*
 * Telegram numbers messages per bot and chat (a private chat with another bot starts again at 1) and updates
 * per bot: a bot that replaces another, behind a new integration or the same one with a new token, must not
 * have its messages taken for the old bot's. Through the real API, its processors and the database.
 */

let telegram: FakeTelegram;
let api: TestApi;
let token = "";
let organizationId = "";

beforeAll(async () => {
  telegram = await startFakeTelegram();
  api = await startTestApi({ TELEGRAM_API_BASE: telegram.apiBase });
  const owner = await api.register();
  token = owner.token;
  organizationId = owner.user.organizationId;
}, 60_000);
afterAll(async () => {
  await api?.close();
  await telegram?.close();
});

const db = () => api.container.db.db;

/** Another bot's credentials: its id is the number before ":" in its token. */
const otherBot = (): TelegramConfig => ({
  botToken: `${randomInt(100_000, 2_000_000_000)}:AA${randomBytes(24).toString("base64url")}`,
  secretToken: randomBytes(24).toString("base64url"),
});

const connect = async (config: TelegramConfig) => {
  const res = await api.rest<{ id: string }>("POST", "/integrations", {
    token,
    body: { channel: "telegram", name: "Bot", config },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
};

/** A private chat no other test uses: its id is the customer's. */
const newChat = () => randomInt(1_000_000, 2_000_000_000);

let minute = 0;
/** Each conversation's messages at times of their own, one second apart. */
const timesFrom = () => {
  minute += 1;
  return (second: number) => new Date(Date.UTC(2030, 0, 1, 12, minute, second));
};

const deliver = async (integrationId: string, config: TelegramConfig, update: object) => {
  const res = await postWebhook(
    `${api.baseUrl}/webhooks/telegram/${integrationId}`,
    signedTelegramWebhook(update, config.secretToken),
  );
  await res.arrayBuffer();
  expect(res.status).toBe(200);
};

const send = async (
  integrationId: string,
  config: TelegramConfig,
  input: { chatId: number; messageId: number; updateId?: number; date: Date; text: string },
) => {
  const update = telegramTextUpdate({ ...input, from: { id: input.chatId, firstName: "Maria" } });
  await deliver(integrationId, config, update);
  return update;
};

/** Waits until no log of the organization is still pending or retrying. */
const processed = () =>
  vi.waitFor(
    async () => {
      const open = await db()
        .selectFrom("webhook_logs")
        .select("id")
        .where("organization_id", "=", organizationId)
        .where("status", "in", ["pending", "retrying"])
        .execute();
      expect(open).toEqual([]);
    },
    { timeout: 20_000, interval: 50 },
  );

const conversationsOf = (chatId: number) =>
  db()
    .selectFrom("conversations")
    .select(["id", "integration_id"])
    .where("organization_id", "=", organizationId)
    .where("channel", "=", "telegram")
    .where("channel_thread_id", "=", String(chatId))
    .execute();

const messagesOf = async (chatId: number) =>
  (
    await db()
      .selectFrom("messages as m")
      .innerJoin("conversations as c", "c.id", "m.conversation_id")
      .select(["m.content"])
      .where("m.organization_id", "=", organizationId)
      .where("c.channel_thread_id", "=", String(chatId))
      .orderBy("m.sent_at")
      .execute()
  ).map((m) => m.content);

const logsOf = (integrationId: string) =>
  db()
    .selectFrom("webhook_logs")
    .select(["status", "event_id"])
    .where("integration_id", "=", integrationId)
    .execute();

/** A conversation as an older release left it: its integration deleted, ids "<chat id>:<message id>". */
const storeOlderConversation = async (chatId: number, at: (second: number) => Date) => {
  const contact = await db()
    .insertInto("contacts")
    .values({ organization_id: organizationId, name: "Maria" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const conversation = await db()
    .insertInto("conversations")
    .values({
      organization_id: organizationId,
      channel: "telegram",
      channel_thread_id: String(chatId),
      contact_id: contact.id,
      integration_id: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const n of [1, 2, 3, 4]) {
    await db()
      .insertInto("messages")
      .values({
        organization_id: organizationId,
        conversation_id: conversation.id,
        channel: "telegram",
        sender_type: "contact",
        direction: "inbound",
        content: `antiga ${n}`,
        content_type: "text",
        channel_message_id: `${chatId}:${n}`,
        sent_at: at(n),
      })
      .execute();
  }
  return conversation.id;
};

describe("a Telegram bot replaced by another", () => {
  it("stores every message of a new integration's bot, whose numbers start again, and takes the conversation over at the first", async () => {
    const chatId = newChat();
    const at = timesFrom();
    const oldBot = await connect(telegram.config);
    for (const n of [1, 2, 3, 4]) {
      await send(oldBot, telegram.config, { chatId, messageId: n, date: at(n), text: `antiga ${n}` });
    }
    await processed();
    const [conversation] = await conversationsOf(chatId);
    expect(conversation?.integration_id).toBe(oldBot);
    expect((await api.rest("DELETE", `/integrations/${oldBot}`, { token })).status).toBe(200);

    const config = otherBot();
    const newBot = await connect(config);
    await send(newBot, config, { chatId, messageId: 1, date: at(11), text: "nova 1" });
    await processed();
    expect(await conversationsOf(chatId)).toEqual([{ id: conversation?.id, integration_id: newBot }]);
    for (const n of [2, 3, 4]) {
      await send(newBot, config, { chatId, messageId: n, date: at(10 + n), text: `nova ${n}` });
    }
    await processed();

    expect(await messagesOf(chatId)).toEqual([
      ...[1, 2, 3, 4].map((n) => `antiga ${n}`),
      ...[1, 2, 3, 4].map((n) => `nova ${n}`),
    ]);
    expect((await logsOf(newBot)).map((log) => log.status)).toEqual([
      "success",
      "success",
      "success",
      "success",
    ]);
  });

  it("stores a new bot's messages in a conversation an older release stored with ids without the bot", async () => {
    const chatId = newChat();
    const at = timesFrom();
    const conversationId = await storeOlderConversation(chatId, at);

    const config = otherBot();
    const newBot = await connect(config);
    for (const n of [1, 2, 3, 4]) {
      await send(newBot, config, { chatId, messageId: n, date: at(10 + n), text: `nova ${n}` });
    }
    await processed();

    expect(await conversationsOf(chatId)).toEqual([{ id: conversationId, integration_id: newBot }]);
    expect(await messagesOf(chatId)).toEqual([
      ...[1, 2, 3, 4].map((n) => `antiga ${n}`),
      ...[1, 2, 3, 4].map((n) => `nova ${n}`),
    ]);
  });

  it("does not take a new bot's updates for the old one's when the integration's token changes", async () => {
    const chatId = newChat();
    const at = timesFrom();
    const config = { ...telegram.config };
    const integrationId = await connect(config);
    const updateIds = [1, 2, 3, 4].map(() => randomInt(1, 2_000_000_000));
    for (const [i, updateId] of updateIds.entries()) {
      await send(integrationId, config, {
        chatId,
        messageId: i + 1,
        updateId,
        date: at(i + 1),
        text: `antiga ${i + 1}`,
      });
    }
    await processed();

    const { botToken } = otherBot();
    const changed = await api.rest("PATCH", `/integrations/${integrationId}`, {
      token,
      body: { config: { botToken } },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    // the new bot's update ids and message ids start again: the same numbers as the old bot's
    for (const [i, updateId] of updateIds.entries()) {
      await send(integrationId, config, {
        chatId,
        messageId: i + 1,
        updateId,
        date: at(11 + i),
        text: `nova ${i + 1}`,
      });
    }
    await processed();

    expect(await logsOf(integrationId)).toHaveLength(8);
    expect(await messagesOf(chatId)).toEqual([
      ...[1, 2, 3, 4].map((n) => `antiga ${n}`),
      ...[1, 2, 3, 4].map((n) => `nova ${n}`),
    ]);
  });

  it("stores an update the same bot delivers again once, also when an older release stored it first", async () => {
    const chatId = newChat();
    const at = timesFrom();
    const config = otherBot();
    const integrationId = await connect(config);
    const update = await send(integrationId, config, {
      chatId,
      messageId: 7,
      date: at(7),
      text: "duas vezes",
    });
    await processed();
    await deliver(integrationId, config, update);
    await processed();
    expect(await messagesOf(chatId)).toEqual(["duas vezes"]);
    expect(await logsOf(integrationId)).toHaveLength(1);

    // stored under "<chat id>:<message id>" before the deploy, Telegram's 200 lost: redelivered after it
    const olderChat = newChat();
    const olderAt = timesFrom();
    await storeOlderConversation(olderChat, olderAt);
    await db()
      .updateTable("conversations")
      .set({ integration_id: integrationId })
      .where("channel_thread_id", "=", String(olderChat))
      .execute();
    await send(integrationId, config, {
      chatId: olderChat,
      messageId: 4,
      date: olderAt(4),
      text: "antiga 4",
    });
    await send(integrationId, config, { chatId: olderChat, messageId: 5, date: olderAt(5), text: "nova 5" });
    await processed();
    expect(await messagesOf(olderChat)).toEqual([...[1, 2, 3, 4].map((n) => `antiga ${n}`), "nova 5"]);
  });
});
