import type { InboundMedia, InboundMessage, MessageContentType, ParsedWebhook } from "@crm/domain";
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

/** Telegram message ids count per chat, so the chat is part of the id: "<chat id>:<message id>". */
export const telegramMessageId = (chatId: string, messageId: string): string => `${chatId}:${messageId}`;

/** The message id inside a "<chat id>:<message id>" id. */
export const telegramMessageNumber = (channelMessageId: string): number | undefined => {
  const value = Number(channelMessageId.slice(channelMessageId.lastIndexOf(":") + 1));
  return Number.isSafeInteger(value) ? value : undefined;
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

function toInboundMessage(value: unknown): InboundMessage | undefined {
  const message = asRecord(value);
  const chatId = asId(asRecord(message?.chat)?.id);
  const messageId = asId(message?.message_id);
  if (!message || !chatId || !messageId) return undefined;
  const sender = senderOf(message);
  if (!sender) return undefined;
  const content = contentOf(message);
  const replyTo = asId(asRecord(message.reply_to_message)?.message_id);
  return {
    channelMessageId: telegramMessageId(chatId, messageId),
    threadId: chatId,
    sender,
    sentAt: fromEpochSeconds(message.date),
    ...content,
    text: textOf(message, content.contentType),
    ...(replyTo !== undefined && { replyToChannelMessageId: telegramMessageId(chatId, replyTo) }),
  };
}

const messageFields = ["message", "edited_message", "channel_post", "edited_channel_post"];

/** One Update carries at most one message; an edit keeps its message's id, so ingestion sees it once. */
export function parseTelegramUpdate(payload: unknown): ParsedWebhook {
  const update = asRecord(payload);
  const messages: InboundMessage[] = [];
  for (const field of messageFields) {
    const inbound = toInboundMessage(update?.[field]);
    if (inbound) messages.push(inbound);
  }
  return { messages, statuses: [] };
}
