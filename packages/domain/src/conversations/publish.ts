import type { EventBus } from "../shared/events";
import type { Assigner } from "./assigner";
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

/**
 * What follows a change of status or assignee, once committed: `conversation_updated` if anything changed,
 * `conversation_assigned` if the assignee did (its `previousAssignee` tells the realtime layer who lost it,
 * `assigner`, when given, tells the new assignee who gave it to them).
 */
export async function publishConversationChange(
  events: EventBus,
  organizationId: string,
  before: Conversation,
  after: Conversation,
  at: Date,
  assigner?: Assigner,
): Promise<void> {
  if (after === before) return;
  await publishConversationEvent(
    events,
    organizationId,
    "conversation_updated",
    conversationUpdated(after),
    at,
  );
  if (after.assignedTo === before.assignedTo) return;
  await publishConversationEvent(
    events,
    organizationId,
    "conversation_assigned",
    {
      conversationId: after.id,
      assignedTo: after.assignedTo,
      previousAssignee: before.assignedTo,
      ...assigner,
    },
    at,
  );
}
