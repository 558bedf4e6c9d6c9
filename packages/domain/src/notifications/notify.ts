import { type ConversationScope, canSee } from "../conversations/visibility";
import type { DomainEvent } from "../shared/events";
import { findMentionedUsers } from "./mentions";
import type { NewNotification, NotificationEventPayload, UserNotification } from "./model";
import type { Mentionable, NotificationsDeps } from "./ports";

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
    readAt: notification.readAt?.toISOString() ?? null,
    createdAt: notification.createdAt.toISOString(),
  };
}

const scopeOf = (member: Mentionable): ConversationScope =>
  member.role === "agent" ? { kind: "assignedOrUnassigned", userId: member.id } : { kind: "all" };

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
    return [
      {
        userId: assignedTo,
        // one assignment is one event: the same conversation assigned again later is a new notification
        sourceKey: `assignment:${conversationId}:${event.occurredAt}`,
        notification: { type: "assignment", data: { conversationId, previousAssignee } },
      },
    ];
  }
  if (event.type === "new_message" && field(event.payload, "isPrivate") === true) {
    const messageId = asText(field(event.payload, "messageId"));
    if (!messageId) return [];
    const note = await deps.mentions.findPrivateNote(event.organizationId, messageId);
    if (!note?.content.includes("@")) return [];
    const members = await deps.mentions.listMembers(event.organizationId);
    const mayOpen = new Set(
      members
        .filter((member) => canSee(scopeOf(member), { assignedTo: note.assignedTo }))
        .map((member) => member.id),
    );
    const excerpt = note.content.slice(0, excerptLength);
    return findMentionedUsers(note.content, members)
      .filter((userId) => userId !== note.senderId && mayOpen.has(userId))
      .map((userId) => ({
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
