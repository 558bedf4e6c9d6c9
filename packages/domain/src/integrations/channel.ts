import type { MessageTemplate } from "../conversations/message-template";
import type { WebhookSource } from "./model";

/** The messaging channels customers write on. */
export const channels = ["whatsapp", "telegram", "slack", "discord"] as const;
export type Channel = (typeof channels)[number];

export interface WhatsAppConfig {
  phoneNumberId: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
}
export interface TelegramConfig {
  botToken: string;
  secretToken: string;
}
export interface SlackConfig {
  botToken: string;
  signingSecret: string;
}
export interface DiscordConfig {
  applicationId: string;
  publicKey: string;
  botToken: string;
}

export interface ChannelConfigs {
  whatsapp: WhatsAppConfig;
  telegram: TelegramConfig;
  slack: SlackConfig;
  discord: DiscordConfig;
}

export type MessageContentType =
  | "text"
  | "image"
  | "video"
  | "audio"
  | "file"
  | "sticker"
  | "location"
  | "unsupported";

export interface InboundMedia {
  /** The provider's handle for downloading it later (WhatsApp media id, Telegram file_id, Slack/Discord URL). */
  providerMediaId: string;
  mimeType?: string;
  fileName?: string;
  sizeBytes?: number;
}

/** One customer message, normalized from any channel's webhook or gateway event. */
export interface InboundMessage {
  /** The provider's message id: with the channel and organization, the idempotency key. */
  channelMessageId: string;
  /** The provider's conversation: WhatsApp sender wa_id, Telegram chat id, Slack channel, Discord channel. */
  threadId: string;
  sender: {
    /** Stable provider user id (WhatsApp wa_id or BSUID, Telegram user id, Slack user, Discord user). */
    channelUserId: string;
    name?: string;
    /** E.164 when the channel knows it (WhatsApp). */
    phone?: string;
    username?: string;
  };
  /** The provider's timestamp: messages are ordered by it, not by arrival. */
  sentAt: Date;
  contentType: MessageContentType;
  /** Body or caption; empty string when the message has none. */
  text: string;
  media?: InboundMedia;
  /** Provider message this one replies to, if any. */
  replyToChannelMessageId?: string;
  /**
   * The id an older release stored this same message under, when the channel's ids changed form (Telegram's
   * gained the bot): a message stored under it with the same `sentAt` is this one, redelivered, and it is
   * not stored again.
   */
  formerChannelMessageId?: string;
}

export const deliveryStatuses = ["pending", "sent", "delivered", "read", "failed"] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export interface StatusUpdate {
  channelMessageId: string;
  status: Exclude<DeliveryStatus, "pending">;
  at: Date;
  error?: string;
}

export interface ParsedWebhook {
  messages: InboundMessage[];
  statuses: StatusUpdate[];
}

export interface OutboundMessage {
  /** The thread to write in (same meaning as InboundMessage.threadId). */
  threadId: string;
  text: string;
  replyToChannelMessageId?: string;
  /** A WhatsApp template, sent instead of `text` (which only describes it). */
  template?: MessageTemplate;
  /**
   * The same on every attempt at one message (its id): a provider that drops a repeat carrying it (Discord's
   * nonce) makes another attempt safe after a send that got no answer.
   */
  idempotencyKey?: string;
}

/**
 * `retryable`: sending it again may succeed and cannot reach the customer twice. `outcomeUnknown`: the provider
 * did not say whether it took the message (no answer after the request left, a proxy's 502): it may have
 * reached the customer, so it is retryable only where the provider drops repeats.
 */
export type SendResult =
  | { ok: true; channelMessageId: string }
  | { ok: false; error: string; retryable: boolean; outcomeUnknown?: true };

/** Whether credentials are a provider's test (sandbox) or live ones, where the provider says so. */
export type CredentialMode = "test" | "live";

/**
 * What a provider says of credentials. `identity` is the account's own name there (a bot's username, a verified
 * business name), never words of ours: the web app writes the sentence around it in the user's language, and
 * null when the provider names no account.
 */
export type IdentityResult =
  | { ok: true; identity: string | null; mode?: CredentialMode }
  | {
      ok: false;
      error: string;
      /** The provider could not be reached, throttled us or failed on its side: no answer on the credentials. */
      retryable?: boolean;
    };

export interface WebhookRequest {
  rawBody: Uint8Array;
  /** Header names lower-cased. */
  headers: Readonly<Record<string, string>>;
  /** Seconds since the epoch, for replay windows. */
  now: number;
}

/** A JSON body to answer a webhook with, when the provider expects more than an empty 200. */
export interface WebhookReply {
  body: unknown;
}

/** Where the provider says it delivers webhooks (Telegram getWebhookInfo). */
export type WebhookRegistration =
  | { ok: true; url: string; lastError: string | null }
  | { ok: false; error: string };

/** One per channel (the spec's strategy pattern). Adapters return results; they do not throw for provider errors. */
export interface ChannelAdapter<C extends Channel = Channel> {
  channel: C;
  /** Signature check over the raw bytes, in constant time. */
  verify(request: WebhookRequest, config: ChannelConfigs[C]): boolean;
  /**
   * The answer to a verified request that is a handshake, not an event (Slack `url_verification`, Discord
   * PING): it is answered at once and not stored. undefined for every other payload.
   */
  handshake?(payload: unknown): WebhookReply | undefined;
  /** The body to answer a stored event with, when the provider requires one (Discord interactions). */
  acknowledge?(payload: unknown): WebhookReply | undefined;
  /**
   * The provider's id of this delivery (Telegram update_id, Slack event_id, ...), to drop redeliveries. It
   * must be unique per integration even across a change of its credentials to another bot or app (Telegram's
   * update ids count per bot, so its id names the bot too). Stored scoped by the integration
   * (`scopedEventId`) and handed back to `parse`.
   */
  eventId?(payload: unknown, config: ChannelConfigs[C]): string | undefined;
  /**
   * Every entry, change, message and status of the payload, not just the first. `source` is how it reached
   * us (the stored log's, never the payload's word; absent: "webhook"): some shapes are only believed from
   * one source, e.g. a Discord MESSAGE_CREATE only from the Gateway connection. `eventId` is the stored log's
   * (this adapter's `eventId` scoped by the integration, null or absent when it had none): Telegram reads the
   * bot the update was sent to from it, its message ids counting per bot and chat.
   */
  parse(payload: unknown, source?: WebhookSource, eventId?: string | null): ParsedWebhook;
  send(config: ChannelConfigs[C], message: OutboundMessage): Promise<SendResult>;
  /** Asks the provider who these credentials belong to (the integration test button). */
  whoAmI(config: ChannelConfigs[C]): Promise<IdentityResult>;
  /**
   * For a provider told by API where to deliver (Telegram setWebhook), not in its own console: sets the URL
   * and the secret it must send back. Absent for the others.
   */
  registerWebhook?(
    config: ChannelConfigs[C],
    url: string,
  ): Promise<{ ok: true } | { ok: false; error: string }>;
  unregisterWebhook?(config: ChannelConfigs[C]): Promise<{ ok: true } | { ok: false; error: string }>;
  webhookRegistration?(config: ChannelConfigs[C]): Promise<WebhookRegistration>;
  downloadMedia(
    config: ChannelConfigs[C],
    media: InboundMedia,
  ): Promise<
    { ok: true; bytes: Uint8Array; mimeType: string } | { ok: false; error: string; retryable: boolean }
  >;
}
