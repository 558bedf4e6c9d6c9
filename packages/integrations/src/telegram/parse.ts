import type {
  InboundMedia,
  InboundMessage,
  MessageContentType,
  ParsedWebhook,
  WebhookSource,
} from "@crm/domain";
import {
  asArray,
  asId,
  asNumber,
  asRecord,
  asString,
  definedOnly,
  fromEpochSeconds,
  type JsonRecord,
} from "../shared/json";

/**
 * Telegram message ids count per bot and chat (a private chat with another bot starts again at 1), so both
 * are part of the id: "<bot id>:<chat id>:<message id>". Ids stored before the bot was part of it read
 * "<chat id>:<message id>" (also what comes out without a bot); both end in the message id.
 */
export const telegramMessageId = (chatId: string, messageId: string, botId?: string): string =>
  botId === undefined ? `${chatId}:${messageId}` : `${botId}:${chatId}:${messageId}`;

/** The message id inside a "<bot id>:<chat id>:<message id>" (or older "<chat id>:<message id>") id. */
export const telegramMessageNumber = (channelMessageId: string): number | undefined => {
  const value = Number(channelMessageId.slice(channelMessageId.lastIndexOf(":") + 1));
  return Number.isSafeInteger(value) ? value : undefined;
};

/** The bot of a "<bot id>:<chat id>:<message id>" id; undefined for an older "<chat id>:<message id>" one. */
export const telegramMessageBot = (channelMessageId: string): string | undefined => {
  const parts = channelMessageId.split(":");
  return parts.length === 3 ? parts[0] : undefined;
};

const isBotId = (value: string | undefined): value is string => value !== undefined && /^\d+$/.test(value);

/** A bot token is "<bot id>:<secret>"; the bot id is also the bot's user id. */
export const telegramBotId = (botToken: string): string | undefined => {
  const id = botToken.slice(0, botToken.indexOf(":"));
  return isBotId(id) ? id : undefined;
};

/**
 * Update ids count per bot too: the event id is "<bot id>:<update id>", so that a new bot behind the same
 * integration (its token changed) is not taken for redeliveries of the old one's updates.
 */
export const telegramEventId = (updateId: string, botId: string | undefined): string =>
  botId === undefined ? updateId : `${botId}:${updateId}`;

/**
 * The bot of a stored event id: "<integration id>:<bot id>:<update id>" as the intake scopes
 * `telegramEventId`. Logs stored before the bot was part of it ("<integration id>:<update id>") have none,
 * and their messages keep the ids they were given then, so that processing one again finds them.
 */
export const telegramEventBot = (eventId: string | null | undefined): string | undefined => {
  const candidate = eventId?.split(":").at(-2);
  return isBotId(candidate) ? candidate : undefined;
};

const fileKinds: Array<[field: string, type: MessageContentType]> = [
  ["animation", "video"],
  ["video", "video"],
  ["video_note", "video"],
  ["voice", "audio"],
  ["audio", "audio"],
  ["sticker", "sticker"],
  ["document", "file"],
];

function mediaOf(file: JsonRecord | undefined): InboundMedia | undefined {
  const id = asString(file?.file_id);
  if (!file || !id) return undefined;
  return definedOnly({
    providerMediaId: id,
    mimeType: asString(file.mime_type),
    fileName: asString(file.file_name),
    sizeBytes: asNumber(file.file_size),
  });
}

function contentOf(message: JsonRecord): { contentType: MessageContentType; media?: InboundMedia } {
  const photos = asArray(message.photo);
  // Telegram lists every size of a photo, the largest last
  if (photos.length > 0) {
    const media = mediaOf(asRecord(photos.at(-1)));
    return { contentType: "image", ...(media && { media: { mimeType: "image/jpeg", ...media } }) };
  }
  for (const [field, contentType] of fileKinds) {
    const file = asRecord(message[field]);
    if (file) {
      const media = mediaOf(file);
      return { contentType, ...(media && { media }) };
    }
  }
  if (asRecord(message.location)) return { contentType: "location" };
  if (typeof message.text === "string" || typeof message.caption === "string") return { contentType: "text" };
  return { contentType: "unsupported" };
}

function textOf(message: JsonRecord, contentType: MessageContentType): string {
  const location = asRecord(message.location);
  if (contentType === "location" && location) return `${location.latitude},${location.longitude}`;
  return asString(message.text) ?? asString(message.caption) ?? "";
}

function senderOf(message: JsonRecord): InboundMessage["sender"] | undefined {
  const from = asRecord(message.from);
  const fromId = asId(from?.id);
  if (from && fromId && from.is_bot !== true) {
    const name = [asString(from.first_name), asString(from.last_name)].filter(Boolean).join(" ");
    return definedOnly({ channelUserId: fromId, name: name || undefined, username: asString(from.username) });
  }
  // channel posts, an anonymous group admin and a linked channel's forwards are signed by a chat, their
  // `from` (if any) being a placeholder bot; a bot's own messages have no sender chat and are left out
  const chat = asRecord(message.sender_chat);
  const chatId = asId(chat?.id);
  if (!chat || !chatId) return undefined;
  return definedOnly({
    channelUserId: chatId,
    name: asString(chat.title),
    username: asString(chat.username),
  });
}

function toInboundMessage(value: unknown, botId: string | undefined): InboundMessage | undefined {
  const message = asRecord(value);
  const chatId = asId(asRecord(message?.chat)?.id);
  const messageId = asId(message?.message_id);
  if (!message || !chatId || !messageId) return undefined;
  const sender = senderOf(message);
  if (!sender) return undefined;
  const content = contentOf(message);
  const replyTo = asId(asRecord(message.reply_to_message)?.message_id);
  return {
    channelMessageId: telegramMessageId(chatId, messageId, botId),
    threadId: chatId,
    sender,
    sentAt: fromEpochSeconds(message.date),
    ...content,
    text: textOf(message, content.contentType),
    ...(replyTo !== undefined && { replyToChannelMessageId: telegramMessageId(chatId, replyTo, botId) }),
    // an update stored and processed under the older id, then redelivered (our 200 lost around the
    // deploy), carries a new update's event id and would be stored twice: the older id, with the same
    // provider time, names it. Telegram keeps undelivered updates for 24 hours, so this only matters for
    // a day after the change; the check is one indexed read per message, and never drops another bot's
    // message of the same number (it was written at another time).
    ...(botId !== undefined && { formerChannelMessageId: telegramMessageId(chatId, messageId) }),
  };
}

const messageFields = ["message", "edited_message", "channel_post", "edited_channel_post"];

/**
 * One Update carries at most one message; an edit keeps its message's id, so ingestion sees it once.
 * `eventId` is the stored log's, which names the bot the update was sent to (`telegramEventBot`).
 */
export function parseTelegramUpdate(
  payload: unknown,
  _source?: WebhookSource,
  eventId?: string | null,
): ParsedWebhook {
  const update = asRecord(payload);
  const botId = telegramEventBot(eventId);
  const messages: InboundMessage[] = [];
  for (const field of messageFields) {
    const inbound = toInboundMessage(update?.[field], botId);
    if (inbound) messages.push(inbound);
  }
  return { messages, statuses: [] };
}
