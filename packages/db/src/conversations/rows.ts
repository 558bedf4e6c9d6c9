import type { Conversation, ConversationView, Message, MessageTemplate } from "@crm/domain";
import type { Selectable } from "kysely";
import type { Conversations, Messages } from "../database.gen";

export const conversationColumns = [
  "conversations.id",
  "conversations.organization_id",
  "conversations.contact_id",
  "conversations.channel",
  "conversations.channel_thread_id",
  "conversations.integration_id",
  "conversations.status",
  "conversations.snoozed_until",
  "conversations.assigned_to",
  "conversations.last_message_at",
  "conversations.last_inbound_at",
  "conversations.unread_count",
  "conversations.last_message_preview",
  "conversations.created_at",
  "conversations.updated_at",
] as const;

type ConversationRow = Selectable<Conversations>;

export const toConversation = (row: ConversationRow): Conversation => ({
  id: row.id,
  organizationId: row.organization_id,
  contactId: row.contact_id,
  channel: row.channel,
  channelThreadId: row.channel_thread_id,
  integrationId: row.integration_id,
  status: row.status,
  snoozedUntil: row.snoozed_until,
  assignedTo: row.assigned_to,
  lastMessageAt: row.last_message_at,
  lastInboundAt: row.last_inbound_at,
  unreadCount: row.unread_count,
  lastMessagePreview: row.last_message_preview,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The contact's and the assignee's columns beside a conversation's (left joins: either may be missing). */
export const summaryColumns = [
  "contacts.name as contact_name",
  "contacts.phone as contact_phone",
  "contacts.email as contact_email",
  "users.name as assignee_name",
] as const;

export interface SummaryRow {
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  assignee_name: string | null;
}

export const toConversationView = (row: ConversationRow & SummaryRow): ConversationView => ({
  ...toConversation(row),
  contact:
    row.contact_id && row.contact_name !== null
      ? { id: row.contact_id, name: row.contact_name, phone: row.contact_phone, email: row.contact_email }
      : null,
  assignee:
    row.assigned_to && row.assignee_name !== null ? { id: row.assigned_to, name: row.assignee_name } : null,
});

export const messageColumns = [
  "messages.id",
  "messages.organization_id",
  "messages.conversation_id",
  "messages.channel",
  "messages.direction",
  "messages.sender_type",
  "messages.sender_id",
  "messages.api_key_id",
  "messages.content",
  "messages.content_type",
  "messages.is_private",
  "messages.status",
  "messages.status_at",
  "messages.error_message",
  "messages.channel_message_id",
  "messages.reply_to_channel_message_id",
  "messages.media_url",
  "messages.media_status",
  "messages.media_mime_type",
  "messages.media_file_name",
  "messages.media_provider_id",
  "messages.sent_at",
  "messages.created_at",
  "messages.deleted_at",
  "messages.metadata",
] as const;

/** The send job's `send_started_at` is read only where it is needed (`findDeliveryTarget`). */
export type MessageRow = Omit<Selectable<Messages>, "search_vector" | "send_started_at">;

/** The WhatsApp template an outbound message was sent as, kept under `metadata.template`. */
function templateOf(metadata: MessageRow["metadata"]): MessageTemplate | null {
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) return null;
  const template = metadata.template;
  if (typeof template !== "object" || template === null || Array.isArray(template)) return null;
  const { name, language, bodyParameters } = template;
  if (typeof name !== "string" || typeof language !== "string" || !Array.isArray(bodyParameters)) return null;
  return { name, language, bodyParameters: bodyParameters.filter((p) => typeof p === "string") };
}

export const toMessage = (row: MessageRow): Message => ({
  id: row.id,
  organizationId: row.organization_id,
  conversationId: row.conversation_id,
  channel: row.channel,
  direction: row.direction,
  senderType: row.sender_type,
  senderId: row.sender_id,
  apiKeyId: row.api_key_id,
  content: row.content,
  contentType: row.content_type,
  isPrivate: row.is_private,
  status: row.status,
  statusAt: row.status_at,
  errorMessage: row.error_message,
  channelMessageId: row.channel_message_id,
  replyToChannelMessageId: row.reply_to_channel_message_id,
  media:
    row.media_url || row.media_status || row.media_provider_id
      ? {
          url: row.media_url,
          status: row.media_status,
          mimeType: row.media_mime_type,
          fileName: row.media_file_name,
        }
      : null,
  template: templateOf(row.metadata),
  sentAt: row.sent_at,
  createdAt: row.created_at,
  deletedAt: row.deleted_at,
});
