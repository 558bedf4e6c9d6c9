import type { InboundMessage } from "../integrations";
import type { InboundConversation, InboundConversationPatch } from "./ingestion-ports";

const maxPreviewLength = 140;

/** The inbox line of a message: its text, or its kind in brackets when it has none (e.g. "[image]"). */
export function messagePreview(message: Pick<InboundMessage, "text" | "contentType">): string {
  const text = message.text.replace(/\s+/g, " ").trim();
  if (text === "") return `[${message.contentType}]`;
  return text.length > maxPreviewLength ? `${text.slice(0, maxPreviewLength - 1)}…` : text;
}

/**
 * What a NEW inbound message changes in its conversation: one more unread, reopened when closed or snoozed,
 * and the last-message fields only when it is newer than the last one (providers deliver out of order).
 */
export function recordInbound(
  conversation: InboundConversation,
  message: Pick<InboundMessage, "text" | "contentType" | "sentAt">,
): { patch: InboundConversationPatch; reopened: boolean } {
  const reopened = conversation.status === "closed" || conversation.status === "snoozed";
  const patch: InboundConversationPatch = { unreadCount: conversation.unreadCount + 1 };
  if (reopened) Object.assign(patch, { status: "open", snoozedUntil: null });
  if (!conversation.lastMessageAt || message.sentAt >= conversation.lastMessageAt) {
    Object.assign(patch, { lastMessageAt: message.sentAt, lastMessagePreview: messagePreview(message) });
  }
  if (!conversation.lastInboundAt || message.sentAt > conversation.lastInboundAt) {
    patch.lastInboundAt = message.sentAt;
  }
  return { patch, reopened };
}
