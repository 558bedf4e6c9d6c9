import type {
  InboundMedia,
  InboundMessage,
  MessageContentType,
  ParsedWebhook,
  WebhookSource,
} from "@crm/domain";
import { asArray, asNumber, asRecord, asString, definedOnly, type JsonRecord } from "../shared/json";

const discordEpochMs = 1_420_070_400_000n;

/** A snowflake carries its creation time in its top 42 bits. */
export function snowflakeTime(id: string): Date {
  if (!/^\d{1,20}$/.test(id)) return new Date();
  return new Date(Number((BigInt(id) >> 22n) + discordEpochMs));
}

export const interactionTypes = {
  ping: 1,
  command: 2,
  component: 3,
  autocomplete: 4,
  modalSubmit: 5,
} as const;

// DEFAULT and REPLY; joins, pins, boosts and the like are notices, not messages
const personMessageTypes = new Set([0, 19]);

function contentTypeOf(mimeType: string | undefined): MessageContentType {
  if (mimeType?.startsWith("image/")) return "image";
  if (mimeType?.startsWith("video/")) return "video";
  if (mimeType?.startsWith("audio/")) return "audio";
  return "file";
}

function mediaOf(attachment: unknown): InboundMedia | undefined {
  const record = asRecord(attachment);
  const url = asString(record?.url);
  if (!record || !url) return undefined;
  return definedOnly({
    providerMediaId: url,
    mimeType: asString(record.content_type),
    fileName: asString(record.filename),
    sizeBytes: asNumber(record.size),
  });
}

function senderOf(user: JsonRecord | undefined): InboundMessage["sender"] | undefined {
  const id = asString(user?.id);
  if (!user || !id) return undefined;
  return definedOnly({
    channelUserId: id,
    name: asString(user.global_name) ?? asString(user.username),
    username: asString(user.username),
  });
}

/** A MESSAGE_CREATE from the Gateway (the dispatch as received: { op: 0, t, s, d }). */
function fromGatewayMessage(message: JsonRecord): InboundMessage | undefined {
  const author = asRecord(message.author);
  if (author?.bot === true || message.webhook_id !== undefined) return undefined;
  if (!personMessageTypes.has(asNumber(message.type) ?? 0)) return undefined;
  const id = asString(message.id);
  const channelId = asString(message.channel_id);
  const sender = senderOf(author);
  if (!id || !channelId || !sender) return undefined;
  const media = mediaOf(asArray(message.attachments)[0]);
  const timestamp = asString(message.timestamp);
  const replyTo = asString(asRecord(message.message_reference)?.message_id);
  return {
    channelMessageId: id,
    threadId: channelId,
    sender,
    sentAt: timestamp && !Number.isNaN(Date.parse(timestamp)) ? new Date(timestamp) : snowflakeTime(id),
    contentType: media ? contentTypeOf(media.mimeType) : "text",
    text: asString(message.content) ?? "",
    ...(media && { media }),
    ...(replyTo !== undefined && { replyToChannelMessageId: replyTo }),
  };
}

function optionsText(options: unknown): string {
  return asArray(options)
    .map((option) => {
      const record = asRecord(option);
      const nested = optionsText(record?.options);
      const value = record?.value;
      return [asString(record?.name), value === undefined ? nested : `${String(value)}`]
        .filter(Boolean)
        .join(" ");
    })
    .filter(Boolean)
    .join(" ");
}

/** A slash command someone ran: kept as the message "/name options". */
function fromCommand(interaction: JsonRecord): InboundMessage | undefined {
  const id = asString(interaction.id);
  const channelId = asString(interaction.channel_id) ?? asString(asRecord(interaction.channel)?.id);
  const sender = senderOf(asRecord(asRecord(interaction.member)?.user) ?? asRecord(interaction.user));
  const data = asRecord(interaction.data);
  const name = asString(data?.name);
  if (!id || !channelId || !sender || !name) return undefined;
  const options = optionsText(data?.options);
  return {
    channelMessageId: id,
    threadId: channelId,
    sender,
    sentAt: snowflakeTime(id),
    contentType: "text",
    text: options ? `/${name} ${options}` : `/${name}`,
  };
}

/**
 * Interactions (webhook: PING and commands) and Gateway MESSAGE_CREATE dispatches. A dispatch is only believed
 * from the worker's Gateway connection (source 'gateway'): anyone holding a key pair can sign one to the
 * interactions webhook, with attachment URLs of their choosing.
 */
export function parseDiscordPayload(payload: unknown, source: WebhookSource): ParsedWebhook {
  const body = asRecord(payload);
  let message: InboundMessage | undefined;
  if (source === "gateway") {
    const data = body?.op === 0 && body.t === "MESSAGE_CREATE" ? asRecord(body.d) : undefined;
    message = data && fromGatewayMessage(data);
  } else if (body?.type === interactionTypes.command) {
    message = fromCommand(body);
  }
  return { messages: message ? [message] : [], statuses: [] };
}
