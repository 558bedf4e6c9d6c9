import type { Clock } from "../auth/ports";
import type {
  Channel,
  ChannelAdapters,
  ChannelCredentials,
  DeliveryStatus,
  MessageContentType,
  WebhookLogStatus,
  WebhookSource,
} from "../integrations";
import type { EventBus } from "../shared/events";
import type { JobQueue } from "../shared/jobs";
import type { Logger } from "../shared/logger";
import type { FileStorage } from "../shared/storage";
import type { Transactional } from "../shared/transaction";
import type { ConversationStatus } from "./model";

/** A stored webhook as the ingestion job sees it; `channel` may name a non-messaging provider. */
export interface StoredWebhook {
  id: string;
  organizationId: string;
  integrationId: string | null;
  channel: string;
  /** How it arrived: an HTTP webhook or the worker's own Gateway connection (Discord). */
  source: WebhookSource;
  /** null when the body was not JSON. */
  payload: unknown;
  /** The provider's event id scoped by the integration (`scopedEventId`), handed to the adapter's `parse`. */
  eventId?: string | null;
  status: WebhookLogStatus;
  attempts: number;
}

export interface WebhookFailure {
  error: string;
  at: Date;
  /** The log turns `failed` when this is true or when the attempts reach `maxAttempts`; `retrying` otherwise. */
  permanent: boolean;
  maxAttempts: number;
}

export interface IngestionWebhookLogRepository {
  /** Jobs know only the log's id, hence no organization. */
  findById(id: string): Promise<StoredWebhook | undefined>;
  /** Locks the row for the rest of the transaction: a second job for the same log waits, then sees it done. */
  lock(id: string): Promise<StoredWebhook | undefined>;
  markProcessed(id: string, at: Date): Promise<void>;
  /** Counts a failed attempt (attempts + 1) in one statement; undefined for a log processed meanwhile. */
  recordFailure(
    id: string,
    failure: WebhookFailure,
  ): Promise<{ status: WebhookLogStatus; attempts: number } | undefined>;
  /** Logs still pending or retrying whose last attempt (or arrival) is older than `before`, oldest first. */
  findStale(before: Date, limit: number): Promise<string[]>;
}

export interface SenderIdentity {
  channel: Channel;
  channelUserId: string;
  displayName: string | null;
}

export interface InboundSenderRepository {
  /** Serializes the resolution of one sender until the transaction ends (two first messages, one contact). */
  lock(organizationId: string, key: string): Promise<void>;
  /** The contact behind a channel user, if known. */
  findContactId(organizationId: string, channel: Channel, channelUserId: string): Promise<string | undefined>;
  /** A contact holding one of these phones, preferring the earlier ones in the list. */
  findContactIdByPhones(organizationId: string, phones: string[]): Promise<string | undefined>;
  createContact(organizationId: string, contact: { name: string; phone: string | null }): Promise<string>;
  /** Links the identity to the contact; an identity already linked keeps its contact. */
  link(organizationId: string, contactId: string, identity: SenderIdentity): Promise<void>;
}

export interface InboundThread {
  channel: Channel;
  threadId: string;
  contactId: string;
  integrationId: string | null;
}

export interface InboundConversation {
  id: string;
  /** null once its integration was deleted: the next integration to hear its thread takes it over. */
  integrationId: string | null;
  status: ConversationStatus;
  assignedTo: string | null;
  snoozedUntil: Date | null;
  lastMessageAt: Date | null;
  lastInboundAt: Date | null;
  unreadCount: number;
  lastMessagePreview: string | null;
}

export type InboundConversationPatch = Partial<
  Pick<
    InboundConversation,
    | "integrationId"
    | "status"
    | "snoozedUntil"
    | "lastMessageAt"
    | "lastInboundAt"
    | "unreadCount"
    | "lastMessagePreview"
  >
>;

export interface InboundConversationRepository {
  /**
   * The integration's conversation stored under one of `threadIds` (the forms of one thread, preferred first),
   * else such a conversation whose integration was deleted; its row locked for the rest of the transaction.
   */
  lockByThread(
    organizationId: string,
    channel: Channel,
    integrationId: string | null,
    threadIds: readonly string[],
  ): Promise<InboundConversation | undefined>;
  /** Opens the thread's conversation; undefined when a concurrent transaction opened it first. */
  open(organizationId: string, thread: InboundThread): Promise<InboundConversation | undefined>;
}

export interface InboundMessageDraft {
  conversationId: string;
  channel: Channel;
  channelMessageId: string;
  contentType: MessageContentType;
  content: string;
  sentAt: Date;
  replyToChannelMessageId: string | null;
  /** See `InboundMessage.formerChannelMessageId`: a message stored under it with the same `sentAt` is this one. */
  formerChannelMessageId?: string | null;
  /**
   * Its webhook and its place in that webhook's payload: messages of one second are shown in the order their
   * webhooks were accepted, then in payload order, whatever order the jobs storing them run in.
   */
  arrival: { webhookLogId: string; position: number };
  media: {
    providerMediaId: string;
    mimeType: string | null;
    fileName: string | null;
  } | null;
}

export interface MessageDelivery {
  id: string;
  conversationId: string;
  status: DeliveryStatus | null;
}

/** An inbound message whose media waits to be downloaded. */
export interface PendingMedia {
  messageId: string;
  organizationId: string;
  conversationId: string;
  integrationId: string | null;
  providerMediaId: string;
  mimeType: string | null;
  fileName: string | null;
  status: "pending" | "stored" | "failed";
}

export interface InboundMessageRepository {
  /**
   * Inserts unless (conversation, channel message id) is stored, or the draft's former id with its `sentAt`
   * is (`formerChannelMessageId`), and, only when it inserts, applies
   * `conversation` to the message's (locked) conversation, in one statement; answers the new id, else undefined.
   * A patched last-message preview is kept when a message of the same second already shown after this one
   * (it arrived later but was stored first) is the thread's last.
   */
  insertInbound(
    organizationId: string,
    draft: InboundMessageDraft,
    conversation: { patch: InboundConversationPatch; at: Date },
  ): Promise<string | undefined>;
  /** Locks the message's row for the rest of the transaction. */
  lockDelivery(
    organizationId: string,
    channel: Channel,
    channelMessageId: string,
  ): Promise<MessageDelivery | undefined>;
  updateDelivery(
    organizationId: string,
    id: string,
    delivery: { status: DeliveryStatus; at: Date; error: string | null },
  ): Promise<void>;
  /** The media job knows only the message's id, hence no organization. */
  findMedia(messageId: string): Promise<PendingMedia | undefined>;
  /** Only a pending media changes; answers whether this call changed it. */
  markMediaStored(
    organizationId: string,
    messageId: string,
    stored: { url: string; mimeType: string },
  ): Promise<boolean>;
  markMediaFailed(organizationId: string, messageId: string, error: string): Promise<boolean>;
  /** Messages whose media is still pending since before `before`, oldest first. */
  findStalePendingMedia(before: Date, limit: number): Promise<string[]>;
}

export interface IngestionRepos {
  webhookLogs: IngestionWebhookLogRepository;
  senders: InboundSenderRepository;
  conversations: InboundConversationRepository;
  messages: InboundMessageRepository;
}

export type IngestionStore = Transactional<IngestionRepos> & IngestionRepos;

/** Everything the inbound pipeline needs; wired by the worker's container (or the API's in embedded mode). */
export interface IngestionDeps {
  store: IngestionStore;
  adapters: ChannelAdapters;
  credentials: ChannelCredentials;
  storage: FileStorage;
  queue: JobQueue;
  events: EventBus;
  clock: Clock;
  logger: Logger;
}
