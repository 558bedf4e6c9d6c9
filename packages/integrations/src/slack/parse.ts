import type { InboundMedia, InboundMessage, MessageContentType, ParsedWebhook } from "@crm/domain";
import { asArray, asNumber, asRecord, asString, definedOnly, fromEpochSeconds } from "../shared/json";

/** Slack identifies a message by its channel and ts: "<channel>:<ts>". */
export const slackMessageId = (channel: string, ts: string): string => `${channel}:${ts}`;

/** The ts inside a "<channel>:<ts>" id (what thread_ts wants). */
export const slackTs = (channelMessageId: string): string =>
  channelMessageId.slice(channelMessageId.lastIndexOf(":") + 1);

// Edits, deletions, joins and other notices arrive as subtypes; these are messages a person wrote.
const userSubtypes = new Set([undefined, "file_share", "thread_broadcast"]);

function contentTypeOf(mimeType: string | undefined): MessageContentType {
  if (mimeType?.startsWith("image/")) return "image";
  if (mimeType?.startsWith("video/")) return "video";
  if (mimeType?.startsWith("audio/")) return "audio";
  return "file";
}

function mediaOf(file: unknown): InboundMedia | undefined {
  const record = asRecord(file);
  const url = asString(record?.url_private_download) ?? asString(record?.url_private);
  if (!record || !url) return undefined;
  return definedOnly({
    providerMediaId: url,
    mimeType: asString(record.mimetype),
    fileName: asString(record.name),
    sizeBytes: asNumber(record.size),
  });
}

function toInboundMessage(value: unknown): InboundMessage | undefined {
  const event = asRecord(value);
  if (event?.type !== "message") return undefined;
  if (event.bot_id !== undefined || event.bot_profile !== undefined) return undefined;
  if (!userSubtypes.has(asString(event.subtype))) return undefined;
  const channel = asString(event.channel);
  const ts = asString(event.ts);
  const user = asString(event.user);
  if (!channel || !ts || !user) return undefined;
  const threadTs = asString(event.thread_ts);
  const media = mediaOf(asArray(event.files)[0]);
  return {
    channelMessageId: slackMessageId(channel, ts),
    threadId: channel,
    sender: { channelUserId: user },
    sentAt: fromEpochSeconds(ts),
    contentType: media ? contentTypeOf(media.mimeType) : "text",
    text: asString(event.text) ?? "",
    ...(media && { media }),
    ...(threadTs !== undefined &&
      threadTs !== ts && { replyToChannelMessageId: slackMessageId(channel, threadTs) }),
  };
}

/** Events API: one event per callback; only messages people wrote (no bots, edits or notices). */
export function parseSlackEvent(payload: unknown): ParsedWebhook {
  const body = asRecord(payload);
  if (body?.type !== "event_callback") return { messages: [], statuses: [] };
  const message = toInboundMessage(body.event);
  return { messages: message ? [message] : [], statuses: [] };
}
