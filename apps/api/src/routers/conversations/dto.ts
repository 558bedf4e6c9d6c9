import type { ConversationView, Message, MessageSearchHit } from "@crm/domain";

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

export const toConversationDto = (c: ConversationView) => ({
  id: c.id,
  channel: c.channel,
  status: c.status,
  snoozedUntil: isoOrNull(c.snoozedUntil),
  contact: c.contact,
  assignee: c.assignee,
  integrationId: c.integrationId,
  unreadCount: c.unreadCount,
  lastMessageAt: isoOrNull(c.lastMessageAt),
  lastInboundAt: isoOrNull(c.lastInboundAt),
  lastMessagePreview: c.lastMessagePreview,
  createdAt: iso(c.createdAt),
  updatedAt: iso(c.updatedAt),
});

/** Under the REST prefix: served by the raw `messageMediaRoutes`, which check access by the message id. */
const messageMediaPath = (messageId: string) => `/api/v1/messages/${messageId}/media`;

/** Clients never see the storage's locator: stored media are fetched by message id. */
const toMediaDto = (m: Message) =>
  m.media && {
    ...m.media,
    url: m.media.status === "stored" && m.media.url ? messageMediaPath(m.id) : null,
  };

export const toMessageDto = (m: Message) => ({
  id: m.id,
  conversationId: m.conversationId,
  channel: m.channel,
  direction: m.direction,
  senderType: m.senderType,
  senderId: m.senderId,
  apiKeyId: m.apiKeyId,
  content: m.content,
  contentType: m.contentType,
  isPrivate: m.isPrivate,
  status: m.status,
  statusAt: isoOrNull(m.statusAt),
  error: m.errorMessage,
  channelMessageId: m.channelMessageId,
  template: m.template,
  media: toMediaDto(m),
  sentAt: iso(m.sentAt),
  createdAt: iso(m.createdAt),
  deletedAt: isoOrNull(m.deletedAt),
});

export const toSearchHitDto = (hit: MessageSearchHit) => ({
  message: toMessageDto(hit.message),
  rank: hit.rank,
  snippet: hit.snippet,
  contact: hit.contact,
});
