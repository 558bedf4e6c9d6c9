import { randomBytes } from "node:crypto";
import type { TelegramConfig } from "@crm/domain";
import {
  bodyOf,
  type FakeFailure,
  type FakeProvider,
  type FakeResponse,
  type SignedWebhook,
  startFakeServer,
} from "./fake-server";

export interface FakeTelegramSentMessage {
  chatId: string;
  messageId: number;
  text: string;
  replyTo: number | undefined;
}

export interface FakeTelegram extends FakeProvider {
  /** Pass as TELEGRAM_API_BASE. */
  apiBase: string;
  config: TelegramConfig;
  bot: { id: number; username: string; firstName: string };
  sent: FakeTelegramSentMessage[];
  /** The setWebhook calls received (url, secret_token), refused ones included. */
  webhooks: Array<Record<string, unknown>>;
  /** What setWebhook set and deleteWebhook cleared: what getWebhookInfo answers. */
  webhook: { url: string; secretToken: string | undefined; lastErrorMessage: string | undefined };
  /** Makes getWebhookInfo report a failed delivery, as Telegram does when the URL answers an error. */
  failDeliveries(message: string): void;
  /** Makes a file downloadable through getFile; returns its file_id. */
  addFile(bytes: Uint8Array, path?: string): string;
  signedWebhook(update: unknown): SignedWebhook;
}

const telegramError = (code: number, description: string, extra: object = {}): FakeResponse => ({
  status: code,
  json: { ok: false, error_code: code, description, ...extra },
});

const failures: Record<FakeFailure, FakeResponse> = {
  401: telegramError(401, "Unauthorized"),
  429: telegramError(429, "Too Many Requests: retry after 5", { parameters: { retry_after: 5 } }),
  500: telegramError(500, "Internal Server Error"),
};

/** setWebhook's secret_token, sent back on every update in X-Telegram-Bot-Api-Secret-Token. */
export function signedTelegramWebhook(update: unknown, secretToken: string): SignedWebhook {
  return {
    body: bodyOf(update),
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secretToken },
  };
}

const randomToken = (length: number) => randomBytes(length).toString("base64url").slice(0, length);

/*
 * In a Telegram chat, message ids are one sequence shared by both directions: the bot's replies and the
 * customer's messages never share an id. The fake keeps that: sendMessage answers an id above any it handed
 * out or saw in the chat, and it sees the updates signed through its `signedWebhook`. Updates signed with
 * `signedTelegramWebhook` alone, or posted unsigned, are not seen: a test that sends those with explicit ids
 * keeps them clear of the replies itself. The other way round, `telegramTextUpdate` without a `messageId`
 * answers an id above any a fake of this process handed out in that chat.
 */
const sentIdsByChat = new Map<string, number>();

const updateMessageKeys = [
  "message",
  "edited_message",
  "channel_post",
  "edited_channel_post",
  "business_message",
  "edited_business_message",
];

const asObject = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;

/** Raises each chat's highest id in `ids` to the message ids the update carries. */
function noteMessageIds(ids: Map<string, number>, update: unknown): void {
  const body = asObject(update);
  for (const key of updateMessageKeys) {
    const message = asObject(body?.[key]);
    const chatId = asObject(message?.chat)?.id;
    const messageId = message?.message_id;
    if ((typeof chatId !== "number" && typeof chatId !== "string") || typeof messageId !== "number") continue;
    ids.set(String(chatId), Math.max(ids.get(String(chatId)) ?? 0, messageId));
  }
}

/** The Bot API: /bot<token>/<method> (getMe, sendMessage, getFile, setWebhook, deleteWebhook, getWebhookInfo) and /file/bot<token>/<path>. */
export async function startFakeTelegram(
  options: Partial<TelegramConfig> & { username?: string } = {},
): Promise<FakeTelegram> {
  const botId = 7_000_000_000 + Math.floor(Math.random() * 1e9);
  const config: TelegramConfig = {
    botToken: options.botToken ?? `${botId}:AA${randomToken(33)}`,
    secretToken: options.secretToken ?? randomToken(32),
  };
  const bot = {
    id: Number(config.botToken.split(":")[0]),
    username: options.username ?? "crm_fake_bot",
    firstName: "CRM",
  };
  const sent: FakeTelegramSentMessage[] = [];
  const webhooks: Array<Record<string, unknown>> = [];
  const webhook: FakeTelegram["webhook"] = { url: "", secretToken: undefined, lastErrorMessage: undefined };
  let lastErrorDate: number | undefined;
  const files = new Map<string, { bytes: Uint8Array; path: string }>();
  /** Per chat, the highest message id handed out by sendMessage or seen in an update signed through the fake. */
  const lastMessageId = new Map<string, number>();

  const methods: Record<string, (params: Record<string, unknown>) => FakeResponse> = {
    getMe: () => ({
      json: {
        ok: true,
        result: {
          id: bot.id,
          is_bot: true,
          first_name: bot.firstName,
          username: bot.username,
          can_join_groups: true,
        },
      },
    }),
    sendMessage(params) {
      const chatId = params.chat_id === undefined ? "" : String(params.chat_id);
      const text = typeof params.text === "string" ? params.text : "";
      if (chatId === "") return telegramError(400, "Bad Request: chat_id is empty");
      if (text.trim() === "") return telegramError(400, "Bad Request: message text is empty");
      const messageId = (lastMessageId.get(chatId) ?? 0) + 1;
      lastMessageId.set(chatId, messageId);
      sentIdsByChat.set(chatId, Math.max(sentIdsByChat.get(chatId) ?? 0, messageId));
      const reply = params.reply_parameters as { message_id?: number } | undefined;
      sent.push({ chatId, messageId, text, replyTo: reply?.message_id });
      const numericChat = /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
      return {
        json: {
          ok: true,
          result: {
            message_id: messageId,
            from: { id: bot.id, is_bot: true, first_name: bot.firstName, username: bot.username },
            chat: { id: numericChat, type: "private" },
            date: Math.floor(Date.now() / 1000),
            text,
          },
        },
      };
    },
    getFile(params) {
      const fileId = String(params.file_id ?? "");
      const file = files.get(fileId);
      if (!file) return telegramError(400, "Bad Request: invalid file_id");
      return {
        json: {
          ok: true,
          result: {
            file_id: fileId,
            file_unique_id: `u${fileId}`,
            file_size: file.bytes.length,
            file_path: file.path,
          },
        },
      };
    },
    // https://core.telegram.org/bots/api#setwebhook: an empty url removes it; only HTTPS is accepted
    setWebhook(params) {
      webhooks.push(params);
      const url = typeof params.url === "string" ? params.url : "";
      const secretToken = typeof params.secret_token === "string" ? params.secret_token : undefined;
      if (url === "") return methods.deleteWebhook?.(params) ?? telegramError(500, "Internal Server Error");
      if (!url.startsWith("https://")) {
        return telegramError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
      }
      if (secretToken !== undefined && !/^[\w-]{1,256}$/.test(secretToken)) {
        return telegramError(400, "Bad Request: secret token contains unallowed characters");
      }
      const unchanged = webhook.url === url && webhook.secretToken === secretToken;
      Object.assign(webhook, { url, secretToken, lastErrorMessage: undefined });
      lastErrorDate = undefined;
      return {
        json: {
          ok: true,
          result: true,
          description: unchanged ? "Webhook is already set" : "Webhook was set",
        },
      };
    },
    deleteWebhook() {
      const had = webhook.url !== "";
      Object.assign(webhook, { url: "", secretToken: undefined, lastErrorMessage: undefined });
      lastErrorDate = undefined;
      return {
        json: {
          ok: true,
          result: true,
          description: had ? "Webhook was deleted" : "Webhook is already deleted",
        },
      };
    },
    getWebhookInfo: () => ({
      json: {
        ok: true,
        result: {
          url: webhook.url,
          has_custom_certificate: false,
          pending_update_count: 0,
          ...(webhook.url !== "" && { max_connections: 40 }),
          ...(webhook.lastErrorMessage !== undefined && {
            last_error_date: lastErrorDate,
            last_error_message: webhook.lastErrorMessage,
          }),
        },
      },
    }),
  };

  const fake = await startFakeServer({
    failure: (failure) => failures[failure],
    notFound: () => telegramError(404, "Not Found"),
    route(request) {
      const file = request.path.match(/^\/file\/bot([^/]+)\/(.+)$/);
      if (file) {
        if (file[1] !== config.botToken) return telegramError(401, "Unauthorized");
        const found = [...files.values()].find((entry) => entry.path === file[2]);
        return found ? { bytes: found.bytes } : telegramError(404, "Not Found");
      }
      const call = request.path.match(/^\/bot([^/]+)\/(\w+)$/);
      if (!call) return undefined;
      if (call[1] !== config.botToken) return telegramError(401, "Unauthorized");
      const handler = call[2] === undefined ? undefined : methods[call[2]];
      if (!handler) return telegramError(404, "Not Found: method not found");
      const params = {
        ...Object.fromEntries(request.query),
        ...(request.json as Record<string, unknown> | undefined),
      };
      return handler(params);
    },
  });

  return {
    ...fake,
    apiBase: fake.origin,
    config,
    bot,
    sent,
    webhooks,
    webhook,
    failDeliveries(message) {
      webhook.lastErrorMessage = message;
      lastErrorDate = Math.floor(Date.now() / 1000);
    },
    addFile(bytes, path) {
      const fileId = `AgAC${randomToken(40)}`;
      files.set(fileId, { bytes, path: path ?? `documents/file_${files.size + 1}.bin` });
      return fileId;
    },
    signedWebhook(update) {
      noteMessageIds(lastMessageId, update);
      return signedTelegramWebhook(update, config.secretToken);
    },
  };
}

let updateCounter = 100_000_000;

/** An Update with a private-chat text message, as Telegram POSTs it to the webhook. */
export function telegramTextUpdate(input: {
  chatId: number;
  text: string;
  messageId?: number;
  updateId?: number;
  from?: { id: number; firstName?: string; lastName?: string; username?: string };
  date?: Date;
}): { update_id: number } & Record<string, unknown> {
  updateCounter += 1;
  const from = input.from ?? { id: input.chatId, firstName: "Maria" };
  return {
    update_id: input.updateId ?? updateCounter,
    message: {
      // without one: above the ids the fakes' sendMessage handed out in this chat (one sequence, see above)
      message_id:
        input.messageId ??
        Math.max(updateCounter % 100_000, (sentIdsByChat.get(String(input.chatId)) ?? 0) + 1),
      from: {
        id: from.id,
        is_bot: false,
        first_name: from.firstName ?? "Maria",
        ...(from.lastName !== undefined && { last_name: from.lastName }),
        ...(from.username !== undefined && { username: from.username }),
        language_code: "pt-br",
      },
      chat: { id: input.chatId, first_name: from.firstName ?? "Maria", type: "private" },
      date: Math.floor((input.date ?? new Date()).getTime() / 1000),
      text: input.text,
    },
  };
}
