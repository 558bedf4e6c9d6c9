import type { UserNotification } from "@crm/domain/notifications/model";

export function toNotificationDto(notification: UserNotification) {
  const base = {
    id: notification.id,
    actor: notification.actor,
    contact: notification.contact,
    readAt: notification.readAt?.toISOString() ?? null,
    createdAt: notification.createdAt.toISOString(),
  };
  switch (notification.type) {
    case "assignment":
      return { ...base, type: notification.type, data: notification.data };
    case "mention":
      return { ...base, type: notification.type, data: notification.data };
    case "lost_deal_paid":
      return { ...base, type: notification.type, data: notification.data };
  }
}
