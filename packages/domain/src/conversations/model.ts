import type { Channel, DeliveryStatus, MessageContentType } from "../integrations/channel";
import type { MessageTemplate } from "./message-template";

export const conversationStatuses = ["open", "pending", "snoozed", "closed"] as const;
export type ConversationStatus = (typeof conversationStatuses)[number];

export interface Conversation {
  id: string;
  organizationId: string;
  contactId: string | null;
  channel: Channel;
  /** The provider's thread: WhatsApp wa_id, Telegram chat id, Slack or Discord channel. */
  channelThreadId: string | null;
  integrationId: string | null;
  status: ConversationStatus;
  /** Set exactly when the status is snoozed. */
  snoozedUntil: Date | null;
  assignedTo: string | null;
  lastMessageAt: Date | null;
  lastInboundAt: Date | null;
  unreadCount: number;
  lastMessagePreview: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ContactSummary {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
}

export interface AssigneeSummary {
  id: string;
  name: string;
}

/** A conversation as the inbox shows it: with who it is with and who handles it. */
export interface ConversationView extends Conversation {
  contact: ContactSummary | null;
  assignee: AssigneeSummary | null;
}

/** An inbox row; `unread` is the reader's own unread count, absent without a reader (an API key). */
export interface InboxConversation extends ConversationView {
  unread?: number;
  /** The newest message, notes aside, is one the team sent that the channel refused. */
  lastMessageFailed?: boolean;
}

export type MessageDirection = "inbound" | "outbound";
export type SenderType = "contact" | "agent" | "bot";

export interface MessageMedia {
  url: string | null;
  status: "pending" | "stored" | "failed" | null;
  mimeType: string | null;
  fileName: string | null;
}

export interface Message {
  id: string;
  organizationId: string;
  conversationId: string;
  channel: Channel;
  direction: MessageDirection;
  senderType: SenderType;
  senderId: string | null;
  /** The API key that sent it (senderType `bot`); null otherwise. */
  apiKeyId: string | null;
  content: string;
  contentType: MessageContentType;
  /** An internal note of the team: stored, never sent to the customer. */
  isPrivate: boolean;
  /** Delivery of outbound messages; null for inbound messages and private notes. */
  status: DeliveryStatus | null;
  statusAt: Date | null;
  errorMessage: string | null;
  channelMessageId: string | null;
  replyToChannelMessageId: string | null;
  media: MessageMedia | null;
  /** An outbound WhatsApp template: what is sent instead of `content`, which only describes it. */
  template: MessageTemplate | null;
  /** The provider's timestamp (ours for outbound messages): messages are ordered by it. */
  sentAt: Date;
  createdAt: Date;
  /** Set when the message was deleted: its content and media are gone. */
  deletedAt: Date | null;
}

/** Newest first (the default), or by relevance (ts_rank), then newest first. */
export type MessageSearchOrder = "recent" | "relevance";

/** One message found by full-text search, with its rank and a highlighted excerpt. */
export interface MessageSearchHit {
  message: Message;
  rank: number;
  /** The matching words wrapped in `<b>` and `</b>`; the rest of the text is escaped HTML. */
  snippet: string;
  contact: ContactSummary | null;
}
