import type { Actor } from "../auth/model";
import { DomainError } from "../shared/errors";
import { parseId } from "../shared/ids";
import type { Page, PageRequest } from "../shared/pagination";
import type { UserNotification } from "./model";
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

/** Marks the user's own notifications read; ids of anybody else's are ignored, never an error that leaks them. */
export async function markNotificationsRead(
  deps: Pick<NotificationsDeps, "notifications" | "clock">,
  actor: Actor,
  ids: string[] | "all",
): Promise<{ updated: number }> {
  const userId = userIdOf(actor);
  const parsed = ids === "all" ? ids : [...new Set(ids.map((id) => parseId(id, "ids")))];
  if (parsed !== "all" && parsed.length === 0) return { updated: 0 };
  const updated = await deps.notifications.markRead(actor.organizationId, userId, parsed, deps.clock.now());
  return { updated };
}
