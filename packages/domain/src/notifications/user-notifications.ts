import type { Actor } from "../auth/model";
import { DomainError } from "../shared/errors";
import { parseId } from "../shared/ids";
import type { Page, PageRequest } from "../shared/pagination";
import type { NotificationsReadPayload, UserNotification } from "./model";
import type { NotificationsDeps } from "./ports";

function userIdOf(actor: Actor): string {
  if (actor.kind !== "user") throw new DomainError("FORBIDDEN", "Notifications belong to a signed-in user");
  return actor.userId;
}

export async function listNotifications(
  deps: Pick<NotificationsDeps, "notifications">,
  actor: Actor,
  filter: { unreadOnly: boolean },
  page: PageRequest,
): Promise<Page<UserNotification> & { unreadCount: number }> {
  const userId = userIdOf(actor);
  const [found, unreadCount] = await Promise.all([
    deps.notifications.list(actor.organizationId, userId, filter, page),
    deps.notifications.countUnread(actor.organizationId, userId),
  ]);
  return { ...found, unreadCount };
}

/**
 * Marks the user's own notifications read; ids of anybody else's are ignored, never an error that leaks them.
 * When anything changed, a `notifications_read` event tells the user's other tabs and devices.
 */
export async function markNotificationsRead(
  deps: Pick<NotificationsDeps, "notifications" | "clock" | "events">,
  actor: Actor,
  ids: string[] | "all",
): Promise<{ updated: number; unreadCount: number }> {
  const userId = userIdOf(actor);
  const parsed = ids === "all" ? ids : [...new Set(ids.map((id) => parseId(id, "ids")))];
  const organizationId = actor.organizationId;
  const now = deps.clock.now();
  const updated =
    parsed !== "all" && parsed.length === 0
      ? 0
      : await deps.notifications.markRead(organizationId, userId, parsed, now);
  const unreadCount = await deps.notifications.countUnread(organizationId, userId);
  if (updated > 0) {
    const payload: NotificationsReadPayload = {
      userId,
      ids: parsed === "all" ? null : parsed,
      unreadCount,
    };
    await deps.events.publish({
      type: "notifications_read",
      organizationId,
      payload,
      occurredAt: now.toISOString(),
    });
  }
  return { updated, unreadCount };
}
