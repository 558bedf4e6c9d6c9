import type { EventBus } from "../shared/events";
import type { ConversationEventPayloads, ConversationEventType } from "./events";
import type { Conversation, Message } from "./model";

/** Call after the transaction commits: subscribers may read the change at once. */
export async function publishConversationEvent<T extends ConversationEventType>(
  events: EventBus,
  organizationId: string,
  type: T,
  payload: ConversationEventPayloads[T],
  at: Date,
): Promise<void> {
  await events.publish({ type, organizationId, payload, occurredAt: at.toISOString() });
}

export const conversationUpdated = (
  conversation: Conversation,
  deleted = false,
): ConversationEventPayloads["conversation_updated"] => ({
  conversationId: conversation.id,
  status: conversation.status,
  assignedTo: conversation.assignedTo,
  lastMessageAt: conversation.lastMessageAt?.toISOString() ?? null,
  ...(deleted && { deleted }),
});

export const messageStatusChanged = (message: Message): ConversationEventPayloads["message_status"] => ({
  conversationId: message.conversationId,
  messageId: message.id,
  status: message.status ?? "pending",
  error: message.errorMessage,
});
