import type { ContactUpdatedEvent } from "../contacts/events";
import type { DeliveryStatus } from "../integrations";
import type { DomainEvent } from "../shared/events";
import type { ConversationEventPayloads, ConversationEventType } from "./events";
import type { InboundConversation, IngestionDeps } from "./ingestion-ports";

/** What one webhook really changed, gathered inside its transaction and announced after it commits. */
export interface IngestionChanges {
  createdContactIds: string[];
  newMessages: Array<{ conversationId: string; messageId: string; hasMedia: boolean }>;
  statuses: Array<{
    conversationId: string;
    messageId: string;
    status: DeliveryStatus;
    error: string | null;
  }>;
  /** Latest state of each conversation that received a new message (opened, reopened, unread, last message). */
  conversations: Map<string, InboundConversation>;
  /** Those of them this webhook opened or reopened: their new status is announced (`conversation_updated`). */
  statusChanged: Set<string>;
}

export const noChanges = (): IngestionChanges => ({
  createdContactIds: [],
  newMessages: [],
  statuses: [],
  conversations: new Map(),
  statusChanged: new Set(),
});

type ConversationEvent = {
  [T in ConversationEventType]: DomainEvent<T, ConversationEventPayloads[T]>;
}[ConversationEventType];

/**
 * A new message's effect on its conversation (last message, unread count) is told by its `new_message`, which
 * carries the assignee; `conversation_updated` follows only a conversation opened or reopened. One frame per
 * message and connection instead of two: fanning messages out to many connections was mostly per-frame work
 * (bench/realtime).
 */
export function ingestionEvents(
  organizationId: string,
  changes: IngestionChanges,
  occurredAt: string,
): Array<ConversationEvent | ContactUpdatedEvent> {
  const base = { organizationId, occurredAt };
  return [
    ...changes.createdContactIds.map((contactId) => ({
      ...base,
      type: "contact_updated" as const,
      payload: { contactId, change: "created" as const },
    })),
    ...[...changes.conversations.values()]
      .filter((conversation) => changes.statusChanged.has(conversation.id))
      .map((conversation) => ({
        ...base,
        type: "conversation_updated" as const,
        payload: {
          conversationId: conversation.id,
          status: conversation.status,
          assignedTo: conversation.assignedTo,
          lastMessageAt: conversation.lastMessageAt?.toISOString() ?? null,
        },
      })),
    ...changes.newMessages.map(({ conversationId, messageId }) => ({
      ...base,
      type: "new_message" as const,
      payload: {
        conversationId,
        messageId,
        direction: "inbound" as const,
        isPrivate: false,
        assignedTo: changes.conversations.get(conversationId)?.assignedTo ?? null,
      },
    })),
    ...changes.statuses.map((payload) => ({ ...base, type: "message_status" as const, payload })),
  ];
}

/**
 * Publishes the events of committed changes, all at once (a bus keeps the order they are handed in). A lost
 * event must not undo or repeat the work, so failures are logged, not thrown: clients catch up on their
 * next fetch.
 */
export async function publishIngestionEvents(
  deps: Pick<IngestionDeps, "events" | "clock" | "logger">,
  organizationId: string,
  changes: IngestionChanges,
): Promise<void> {
  const events = ingestionEvents(organizationId, changes, deps.clock.now().toISOString());
  await Promise.all(
    events.map((event) =>
      deps.events.publish(event).catch((err: unknown) => {
        deps.logger.warn({ err, type: event.type, organizationId }, "event not published");
      }),
    ),
  );
}
