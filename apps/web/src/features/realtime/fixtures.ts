import type { AppRouter } from "@crm/api/trpc/root";
import type { RealtimeEvent } from "@crm/contracts/realtime/events";
import { QueryClient } from "@tanstack/react-query";
import { createTRPCClient } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import type { Conversation, ConversationListItem, Message } from "../inbox/types";
import type { Page, Pages } from "./cache-updaters";
import type { RealtimeDeps } from "./realtime-deps";

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

export const occurredAt = "2026-11-25T10:30:00.000Z";

export function realtimeSetup(
  server: { conversations?: Conversation[]; messages?: Message[]; unread?: Record<string, number> } = {},
) {
  const unreadAsked: string[] = [];
  const queryClient = new QueryClient();
  // Keys only: every read the handler makes goes through fetchConversation/fetchMessage below.
  const trpc = createTRPCOptionsProxy<AppRouter>({
    client: createTRPCClient<AppRouter>({ links: [] }),
    queryClient,
  });
  const notFound = Object.assign(new Error("not found"), { data: { code: "NOT_FOUND" } });
  const deps: RealtimeDeps = {
    queryClient,
    trpc,
    userId: "me",
    now: () => new Date("2026-11-25T10:30:00.000Z"),
    fetchConversation: async (id) => {
      const found = server.conversations?.find((item) => item.id === id);
      if (!found) throw notFound;
      return found;
    },
    fetchMessage: async (id) => {
      const found = server.messages?.find((item) => item.id === id);
      if (!found) throw notFound;
      return found;
    },
    fetchUnread: async (id) => {
      unreadAsked.push(id);
      return server.unread?.[id] ?? 0;
    },
  };
  const allKey = trpc.conversations.list.infiniteQueryKey({ limit: 30 });
  const mineKey = trpc.conversations.list.infiniteQueryKey({ limit: 30, assignee: "me" });
  const threadKey = trpc.conversations.messages.infiniteQueryKey({ id: "a", limit: 30 });
  return { deps, queryClient, trpc, allKey, mineKey, threadKey, unreadAsked };
}

export const realtimeEvent = <T extends RealtimeEvent["type"]>(
  type: T,
  payload: Extract<RealtimeEvent, { type: T }>["payload"],
): RealtimeEvent => ({ type, occurredAt, payload }) as RealtimeEvent;
