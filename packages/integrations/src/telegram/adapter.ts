import type { ChannelAdapter, SendResult, TelegramConfig } from "@crm/domain";
import {
  type Failure,
  type HttpClient,
  isRetryableStatus,
  requestBytes,
  requestJson,
  sendFailure,
  unanswered,
  unreachable,
} from "../shared/http";
import { asId, asNumber, asRecord, asString } from "../shared/json";
import { header, safeEqual } from "../shared/timing-safe";
import {
  parseTelegramUpdate,
  telegramBotId,
  telegramEventId,
  telegramMessageBot,
  telegramMessageId,
  telegramMessageNumber,
} from "./parse";

function failure(status: number, body: unknown): Failure {
  const answer = asRecord(body);
  const description = asString(answer?.description) ?? `HTTP ${status}`;
  const retryAfter = asNumber(asRecord(answer?.parameters)?.retry_after);
  return {
    ok: false,
    error: `Telegram: ${description}${retryAfter === undefined ? "" : ` (retry after ${retryAfter}s)`}`,
    retryable: isRetryableStatus(status),
  };
}

/** Telegram Bot API. The bot token is part of every URL, so URLs are never logged. */
export function createTelegramAdapter(apiBase: string, http: HttpClient): ChannelAdapter<"telegram"> {
  const apiOrigin = new URL(apiBase).origin;
  const method = (config: TelegramConfig, name: string) => `${apiBase}/bot${config.botToken}/${name}`;
  const call = async (config: TelegramConfig, name: string, params: object) => {
    const outcome = await requestJson(http, method(config, name), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(params),
    });
    // a network error may quote the URL, and the URL holds the token
    return outcome.reached
      ? outcome
      : { ...outcome, error: outcome.error.replaceAll(config.botToken, "<token>") };
  };

  return {
    channel: "telegram",

    /** setWebhook's secret_token comes back in this header on every update. */
    verify(request, config) {
      const token = header(request.headers, "x-telegram-bot-api-secret-token");
      return token !== undefined && safeEqual(token, config.secretToken);
    },

    eventId(payload, config) {
      const updateId = asId(asRecord(payload)?.update_id);
      return updateId === undefined ? undefined : telegramEventId(updateId, telegramBotId(config.botToken));
    },

    parse: parseTelegramUpdate,

    async send(config, message): Promise<SendResult> {
      const botId = telegramBotId(config.botToken);
      const replyToId = message.replyToChannelMessageId;
      // a private chat is numbered per bot: there, the number of another bot's message (the integration's
      // bot changed) is another message of this one, and is not quoted. Groups number their messages for
      // every bot alike; an older id, without its bot, is taken as it is.
      const replyBot = replyToId === undefined ? undefined : telegramMessageBot(replyToId);
      const privateChat = !message.threadId.startsWith("-");
      const replyTo =
        replyToId === undefined || (privateChat && replyBot !== undefined && replyBot !== botId)
          ? undefined
          : telegramMessageNumber(replyToId);
      const outcome = await call(config, "sendMessage", {
        chat_id: message.threadId,
        text: message.text,
        ...(replyTo !== undefined && {
          reply_parameters: { message_id: replyTo, allow_sending_without_reply: true },
        }),
      });
      if (!outcome.reached) return unanswered(outcome);
      const result = asRecord(asRecord(outcome.body)?.result);
      const messageId = asId(result?.message_id);
      const chatId = asId(asRecord(result?.chat)?.id) ?? message.threadId;
      if (outcome.status !== 200 || !messageId)
        return sendFailure(outcome, failure(outcome.status, outcome.body));
      return { ok: true, channelMessageId: telegramMessageId(chatId, messageId, botId) };
    },

    async whoAmI(config) {
      const outcome = await call(config, "getMe", {});
      if (!outcome.reached) return { ok: false, error: outcome.error };
      const bot = asRecord(asRecord(outcome.body)?.result);
      if (outcome.status !== 200 || !bot)
        return { ok: false, error: failure(outcome.status, outcome.body).error };
      const username = asString(bot.username);
      return { ok: true, identity: username ? `@${username}` : (asString(bot.first_name) ?? null) };
    },

    /** https://core.telegram.org/bots/api#setwebhook: Telegram then POSTs every update there with the secret. */
    async registerWebhook(config, url) {
      const outcome = await call(config, "setWebhook", { url, secret_token: config.secretToken });
      if (!outcome.reached) return { ok: false, error: outcome.error };
      if (outcome.status !== 200 || asRecord(outcome.body)?.result !== true)
        return { ok: false, error: failure(outcome.status, outcome.body).error };
      return { ok: true };
    },

    async unregisterWebhook(config) {
      const outcome = await call(config, "deleteWebhook", {});
      if (!outcome.reached) return { ok: false, error: outcome.error };
      if (outcome.status !== 200) return { ok: false, error: failure(outcome.status, outcome.body).error };
      return { ok: true };
    },

    /** getWebhookInfo: the URL Telegram delivers to ("" when none) and its last delivery error. */
    async webhookRegistration(config) {
      const outcome = await call(config, "getWebhookInfo", {});
      if (!outcome.reached) return { ok: false, error: outcome.error };
      const info = asRecord(asRecord(outcome.body)?.result);
      if (outcome.status !== 200 || !info)
        return { ok: false, error: failure(outcome.status, outcome.body).error };
      return {
        ok: true,
        url: asString(info.url) ?? "",
        lastError: asString(info.last_error_message) ?? null,
      };
    },

    /** getFile names the file's path; the file itself is served under /file/bot<token>/. */
    async downloadMedia(config, media) {
      const lookup = await call(config, "getFile", { file_id: media.providerMediaId });
      if (!lookup.reached) return unreachable(lookup);
      const path = asString(asRecord(asRecord(lookup.body)?.result)?.file_path);
      if (lookup.status !== 200 || !path) return failure(lookup.status, lookup.body);
      const file = await requestBytes(http, `${apiBase}/file/bot${config.botToken}/${path}`, {
        provider: "Telegram",
        // the path is Telegram's answer, but a redirect must not take the download (or the token) elsewhere
        allowed: (url) => url.origin === apiOrigin,
      });
      if (!file.reached)
        return unreachable({ ...file, error: file.error.replaceAll(config.botToken, "<token>") });
      if (file.status !== 200) return failure(file.status, undefined);
      const mimeType = media.mimeType ?? file.headers.get("content-type") ?? "application/octet-stream";
      return { ok: true, bytes: file.body, mimeType };
    },
  };
}
