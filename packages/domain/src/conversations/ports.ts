import type { Clock } from "../auth/ports";
import type { Channel, ChannelAdapters, ChannelCredentials, DeliveryStatus } from "../integrations";
import type { EventBus } from "../shared/events";
import type { JobQueue } from "../shared/jobs";
import type { Logger } from "../shared/logger";
import type { Page, PageRequest } from "../shared/pagination";
import type { Role } from "../shared/permissions";
import type { FileEraser } from "../shared/storage";
import type { SortedPageRequest, UpdatedRange } from "../shared/sync";
import type { Transactional } from "../shared/transaction";
import type { MessageTemplate } from "./message-template";
import type {
  ContactSummary,
  Conversation,
  ConversationStatus,
  ConversationView,
  InboxConversation,
  Message,
  MessageSearchHit,
  MessageSearchOrder,
  SenderType,
} from "./model";
import type { ConversationScope } from "./visibility";

/** activity: newest activity first (the inbox, the default); updatedAt: least recently changed first (to sync). */
export type ConversationSort = "activity" | "updatedAt";

export interface ConversationFilter extends UpdatedRange {
  status?: ConversationStatus | undefined;
  /** "unassigned", or the id of the user they are assigned to */
  assignee?: "unassigned" | { userId: string } | undefined;
  channel?: Channel | undefined;
  contactId?: string | undefined;
  /** only those with unread messages (true) or only those without (false) */
  unread?: boolean | undefined;
}

export interface ConversationCounts {
  mine: number;
  unassigned: number;
  all: number;
  /** Of those, the open or pending ones with messages the reader has not read (API key: the team's count). */
  unread: number;
}

export interface NewConversation {
  contactId: string;
  channel: Channel;
  channelThreadId: string;
  integrationId: string;
  assignedTo: string | null;
}

export interface ConversationPatch {
  status?: ConversationStatus;
  snoozedUntil?: Date | null;
  assignedTo?: string | null;
  lastMessageAt?: Date;
  lastMessagePreview?: string | null;
  unreadCount?: number;
}

/** An assignee change that holds only while the conversation is still assigned to `from` (null: nobody). */
export interface AssigneeChange {
  from: string | null;
  to: string | null;
}

export interface ConversationRepository {
  /**
   * Newest activity first (last_message_at desc, conversations without messages last), then by id; with a
   * reader, each row carries that user's unread count (in the same statement: no second round trip).
   */
  list(
    organizationId: string,
    scope: ConversationScope,
    filter: ConversationFilter,
    page: SortedPageRequest<ConversationSort>,
    readerId?: string,
  ): Promise<Page<InboxConversation>>;
  /**
   * How many of the scope's conversations match `filter` (status and channel): mine, unassigned, all, and the
   * open or pending ones among them unread by the reader (without one: with a team `unread_count` above 0).
   */
  counts(
    organizationId: string,
    scope: ConversationScope,
    filter: Pick<ConversationFilter, "status" | "channel">,
    readerId?: string,
  ): Promise<ConversationCounts>;
  /** `lock` takes the row for writing until the transaction ends. */
  findById(organizationId: string, id: string, lock?: "update"): Promise<Conversation | undefined>;
  findView(organizationId: string, id: string): Promise<ConversationView | undefined>;
  /** The integration's conversation stored under one of `threadIds` (the forms of one thread, preferred first). */
  findByThread(
    organizationId: string,
    channel: Channel,
    integrationId: string,
    threadIds: readonly string[],
  ): Promise<Conversation | undefined>;
  /** Throws CONFLICT with `existingId` when the contact's thread on that channel already has a conversation. */
  create(organizationId: string, input: NewConversation, at: Date): Promise<Conversation>;
  update(organizationId: string, id: string, patch: ConversationPatch, at: Date): Promise<Conversation>;
  /**
   * Sets the assignee to `change.to` if it is still `change.from`, in one statement: of concurrent calls
   * from the same assignee exactly one changes it. Undefined when the assignee (or the row) was not there.
   */
  reassign(
    organizationId: string,
    id: string,
    change: AssigneeChange,
    at: Date,
  ): Promise<Conversation | undefined>;
  /**
   * Deletes the conversation with its messages and leaves a tombstone: their media locators, or undefined when
   * there was none.
   */
  remove(organizationId: string, id: string): Promise<{ mediaUrls: string[] } | undefined>;
}

export interface NewMessage {
  conversationId: string;
  channel: Channel;
  senderType: SenderType;
  senderId: string | null;
  /** The API key that sends it; absent or null when a user does. */
  apiKeyId?: string | null;
  content: string;
  /** A WhatsApp template to send instead of `content` (kept in the message's metadata). */
  template?: MessageTemplate | null;
  isPrivate: boolean;
  status: DeliveryStatus | null;
  sentAt: Date;
}

export interface DeliveryUpdate {
  status: DeliveryStatus;
  at: Date;
  error?: string | null;
  /**
   * Stored with the status. Another message of the conversation holding the same id (a provider that reused
   * one) throws a CONFLICT whose `details.reason` is `channelMessageIdTaken`.
   */
  channelMessageId?: string;
  /** null clears the send job's claim (`claimPendingSend`): a person's retry may send the message again. */
  sendStartedAt?: null;
}

/** The `details.reason` of the CONFLICT `setDelivery` throws when the provider's id is already taken. */
export const channelMessageIdTaken = "channel_message_id_taken";

export interface MessageSearch {
  query: string;
  conversationId?: string | undefined;
  order: MessageSearchOrder;
}

/** An outbound message with what sending it needs. */
export interface DeliveryTarget {
  message: Message;
  conversation: Conversation;
  /** When a send job claimed the message to call the provider (`claimPendingSend`); null when none did. */
  sendStartedAt: Date | null;
}

export interface MessageRepository {
  /** A conversation's messages, newest first (sent_at desc, id desc). */
  listInConversation(
    organizationId: string,
    conversationId: string,
    page: PageRequest,
  ): Promise<Page<Message>>;
  findById(organizationId: string, id: string, lock?: "update"): Promise<Message | undefined>;
  /** For the send job, which only knows the message id. */
  findDeliveryTarget(id: string): Promise<DeliveryTarget | undefined>;
  /**
   * The send job's claim before it calls the provider: sets `sendStartedAt` and `statusAt` to `at` if the
   * message is still pending with the `statusAt` the job read and no send was started. False when another job
   * claimed it first, an earlier attempt started sending it, or it moved on.
   */
  claimPendingSend(id: string, readStatusAt: Date | null, at: Date): Promise<boolean>;
  /**
   * Undoes the claim made at `claimedAt` after the provider refused the message: a later attempt may send it.
   * Does nothing if the message is no longer pending or was claimed again.
   */
  releasePendingSend(id: string, claimedAt: Date): Promise<void>;
  /**
   * Fails, with `error`, a pending message whose send started but never recorded its result (it may have
   * reached the customer). Undefined when it is no longer pending, or no send was started.
   */
  failInterruptedSend(id: string, at: Date, error: string): Promise<Message | undefined>;
  /** Outbound messages of any organization still pending since before `before` (their job was lost). */
  findStalePendingSends(before: Date, limit: number): Promise<string[]>;
  create(organizationId: string, input: NewMessage): Promise<Message>;
  setDelivery(organizationId: string, id: string, update: DeliveryUpdate): Promise<Message>;
  /** Clears content, media and metadata and marks it deleted. */
  redact(organizationId: string, id: string, at: Date): Promise<Message>;
  /** The newest message of the conversation the customer could see (not deleted, not private). */
  latestVisible(organizationId: string, conversationId: string): Promise<Message | undefined>;
  /** Inbound messages still there stored after this one: later `createdAt`, or the same millisecond and a later id. */
  countInboundAfter(
    organizationId: string,
    conversationId: string,
    message: { id: string; createdAt: Date },
  ): Promise<number>;
  /** Newest first, or ranked by relevance then newest first; deleted messages never match. */
  search(
    organizationId: string,
    scope: ConversationScope,
    search: MessageSearch,
    page: PageRequest,
  ): Promise<Page<MessageSearchHit>>;
}

export interface ConnectedIntegration {
  id: string;
  channel: string;
  name: string;
  isActive: boolean;
}

/** What conversations refer to in other contexts, read inside the same transaction. */
export interface ConversationReferences {
  contact(organizationId: string, contactId: string): Promise<ContactSummary | undefined>;
  /** The contact's user id on the channel (e.g. a Telegram chat id), if they ever wrote there. */
  channelUserId(organizationId: string, contactId: string, channel: Channel): Promise<string | undefined>;
  integration(organizationId: string, integrationId: string): Promise<ConnectedIntegration | undefined>;
  /** The active integrations of the messaging channels, by name. */
  activeChannelIntegrations(organizationId: string): Promise<ConnectedIntegration[]>;
  /** The channels on which the contact has an identity (they wrote there at least once). */
  channelsOfContact(organizationId: string, contactId: string): Promise<Channel[]>;
  member(organizationId: string, userId: string): Promise<{ id: string; role: Role } | undefined>;
}

export interface ConversationsRepos {
  conversations: ConversationRepository;
  messages: MessageRepository;
  references: ConversationReferences;
}

export interface ConversationsDeps {
  store: Transactional<ConversationsRepos> & ConversationsRepos;
  clock: Clock;
  queue: JobQueue;
  events: EventBus;
}

/**
 * Erasing a deleted message's media takes two steps that cannot share a transaction. The database forgets
 * the file first (the deletion commits), then the file is removed: a rollback never loses a file still in
 * use. A removal that fails, or a crash in between, leaves a file no live message points at; the retention
 * job's daily sweep removes those (and a missing file is not an error), so the erasure completes.
 */
export interface MediaErasureDeps {
  files: FileEraser;
  logger: Logger;
}

/** Deleting a message also erases its stored media. */
export type MessageDeletionDeps = ConversationsDeps & MediaErasureDeps;

/** The send job: the inbox plus the channel adapters and the integrations' decrypted credentials. */
export interface DeliveryDeps extends ConversationsDeps {
  channels: { adapters: ChannelAdapters; credentials: ChannelCredentials };
}

export interface RetentionPolicy {
  organizationId: string;
  dataRetentionDays: number;
}

/** The message a stored media file belongs to, read from its key. */
export interface MediaOwner {
  organizationId: string;
  messageId: string;
}

export interface DeletedMessages {
  count: number;
  /** The locators of their stored media, for the files to be removed once the deletion committed. */
  mediaUrls: string[];
}

export interface RetentionRepository {
  /** Every organization's retention, ordered by id, `limit` at a time after `afterId`. */
  policies(afterId: string | undefined, limit: number): Promise<RetentionPolicy[]>;
  /** Deletes up to `limit` messages sent before `cutoff` (one statement, so committed on return). */
  deleteMessagesBefore(organizationId: string, cutoff: Date, limit: number): Promise<DeletedMessages>;
  /** Of these messages, the ids of those that exist in that organization and are not deleted. */
  liveMessageIds(owners: readonly MediaOwner[]): Promise<string[]>;
  /** Deletes up to `limit` of the organization's tombstones (see deletions) recorded before `cutoff`. */
  deleteDeletionsBefore(organizationId: string, cutoff: Date, limit: number): Promise<number>;
  /** Forgets the preview of conversations with no visible message sent since `cutoff`: what it quoted is gone. */
  clearPreviewsBefore(organizationId: string, cutoff: Date): Promise<number>;
  /** Deletes up to `limit` webhook logs (of any organization) received before `cutoff`. */
  deleteWebhookLogsBefore(cutoff: Date, limit: number): Promise<number>;
  /** Deletes up to `limit` `Idempotency-Key` claims (of any organization) made before `cutoff`. */
  deleteIdempotencyKeysBefore(cutoff: Date, limit: number): Promise<number>;
  /** Deletes up to `limit` outgoing webhook deliveries (of any organization) made before `cutoff`. */
  deleteOutgoingWebhookDeliveriesBefore(cutoff: Date, limit: number): Promise<number>;
}

export interface RetentionDeps extends MediaErasureDeps {
  retention: RetentionRepository;
  clock: Clock;
}
