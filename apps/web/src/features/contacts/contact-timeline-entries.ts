import type { RouterOutputs } from "../../lib/api-types";

export type ContactDeal = RouterOutputs["contacts"]["deals"]["items"][number];
export type ContactConversation = RouterOutputs["contacts"]["conversations"]["items"][number];

export type TimelineEntry =
  | { kind: "deal"; at: string; deal: ContactDeal }
  | { kind: "conversation"; at: string; conversation: ContactConversation };

/** Deals and conversations in one story, newest first; a conversation counts from its last message. */
export function buildContactTimeline(
  deals: readonly ContactDeal[],
  conversations: readonly ContactConversation[],
): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...deals.map((deal) => ({ kind: "deal" as const, at: deal.createdAt, deal })),
    ...conversations.map((conversation) => ({
      kind: "conversation" as const,
      at: conversation.lastMessageAt ?? conversation.createdAt,
      conversation,
    })),
  ];
  return entries.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}
