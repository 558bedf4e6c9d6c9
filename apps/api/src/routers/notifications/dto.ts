import type { UserNotification } from "@crm/domain/notifications/model";

export function toNotificationDto(notification: UserNotification) {
  const base = {
    id: notification.id,
    readAt: notification.readAt?.toISOString() ?? null,
    createdAt: notification.createdAt.toISOString(),
  };
  return notification.type === "assignment"
    ? { ...base, type: notification.type, data: notification.data }
    : { ...base, type: notification.type, data: notification.data };
}
