import type { DomainEvent } from "../shared/events";
import type { NewNotification, NotificationEventPayload, UserNotification } from "./model";
import { noteMentions } from "./note-mentions";
import type { NotificationsDeps } from "./ports";

const excerptLength = 140;

function field(payload: unknown, key: string): unknown {
  return typeof payload === "object" && payload !== null
    ? (payload as Record<string, unknown>)[key]
    : undefined;
}

const asText = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

export function toNotificationEventPayload(notification: UserNotification): NotificationEventPayload {
  return {
    id: notification.id,
    userId: notification.userId,
    type: notification.type,
    data: notification.data,
    actor: notification.actor,
    contact: notification.contact,
    readAt: notification.readAt?.toISOString() ?? null,
    createdAt: notification.createdAt.toISOString(),
  };
}

interface Planned {
  userId: string;
  sourceKey: string;
  notification: NewNotification;
}

async function plan(deps: NotificationsDeps, event: DomainEvent): Promise<Planned[]> {
  const conversationId = asText(field(event.payload, "conversationId"));
  if (!conversationId) return [];
  if (event.type === "conversation_assigned") {
    const assignedTo = asText(field(event.payload, "assignedTo"));
    if (!assignedTo) return [];
    const previousAssignee = asText(field(event.payload, "previousAssignee"));
    if (previousAssignee === assignedTo) return [];
    // absent from events that do not say who assigned (a claim is by the assignee)
    const by = field(event.payload, "assignedBy");
    const assignedBy = by === undefined ? undefined : asText(by);
    if (assignedBy === assignedTo) return [];
    const byApiKey = asText(field(event.payload, "assignedByApiKeyId"));
    const data = {
      conversationId,
      previousAssignee,
      ...(assignedBy !== undefined && { assignedBy }),
      ...(byApiKey !== null && { assignedByApiKeyId: byApiKey }),
    };
    return [
      {
        userId: assignedTo,
        // one assignment is one event: the same conversation assigned again later is a new notification
        sourceKey: `assignment:${conversationId}:${event.occurredAt}`,
        notification: { type: "assignment", data },
      },
    ];
  }
  if (event.type === "new_message" && field(event.payload, "isPrivate") === true) {
    const messageId = asText(field(event.payload, "messageId"));
    if (!messageId) return [];
    const note = await deps.mentions.findPrivateNote(event.organizationId, messageId);
    if (!note?.content.includes("@")) return [];
    const members = await deps.mentions.listMembers(event.organizationId);
    const excerpt = note.content.slice(0, excerptLength);
    return noteMentions(note, members).notified.map(({ userId }) => ({
      userId,
      sourceKey: `mention:${messageId}`,
      notification: {
        type: "mention",
        data: { conversationId: note.conversationId, messageId, authorId: note.senderId, excerpt },
      },
    }));
  }
  return [];
}

/**
 * Turns an assignment or an @mention in a private note into persisted notifications and publishes each as a
 * `notification` event. Every API replica hears every event and calls this: the repository creates each
 * notification once per source event, and only the call that created it publishes it.
 */
export async function notifyFromEvent(
  deps: NotificationsDeps,
  event: DomainEvent,
): Promise<UserNotification[]> {
  const created: UserNotification[] = [];
  for (const { userId, sourceKey, notification } of await plan(deps, event)) {
    const row = await deps.notifications.createOnce(event.organizationId, userId, sourceKey, notification);
    if (row) created.push(row);
  }
  for (const notification of created) {
    await deps.events.publish({
      type: "notification",
      organizationId: notification.organizationId,
      payload: toNotificationEventPayload(notification),
      occurredAt: notification.createdAt.toISOString(),
    });
  }
  return created;
}
