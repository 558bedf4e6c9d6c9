import type { ConversationListItem, Message } from "../inbox/types";
import type { Page, Pages } from "./cache-updaters";

export function conversationFixture(
  overrides: Partial<ConversationListItem> & { id: string },
): ConversationListItem {
  return {
    channel: "whatsapp",
    status: "open",
    snoozedUntil: null,
    contact: { id: "c-1", name: "Ana Lima", phone: "+5511912345678", email: null },
    assignee: null,
    integrationId: "i-1",
    unreadCount: 0,
    lastMessageAt: "2026-11-25T10:00:00.000Z",
    lastInboundAt: "2026-11-25T10:00:00.000Z",
    lastMessagePreview: "Olá",
    createdAt: "2026-11-20T10:00:00.000Z",
    updatedAt: "2026-11-25T10:00:00.000Z",
    ...overrides,
  };
}

export function messageFixture(overrides: Partial<Message> & { id: string }): Message {
  return {
    conversationId: "conv-1",
    channel: "whatsapp",
    direction: "outbound",
    senderType: "agent",
    senderId: "u-1",
    apiKeyId: null,
    content: "Bom dia",
    contentType: "text",
    isPrivate: false,
    status: "pending",
    statusAt: null,
    error: null,
    channelMessageId: null,
    template: null,
    media: null,
    sentAt: "2026-11-25T10:00:00.000Z",
    createdAt: "2026-11-25T10:00:00.000Z",
    deletedAt: null,
    ...overrides,
  };
}

export const pagesOf = <T>(...pages: Page<T>[]): Pages<T> => ({
  pages,
  pageParams: pages.map((_, index) => (index === 0 ? null : `cursor-${index}`)),
});

export const ids = <T extends { id: string }>(data: Pages<T> | undefined): string[][] =>
  data?.pages.map((page) => page.items.map((item) => item.id)) ?? [];
