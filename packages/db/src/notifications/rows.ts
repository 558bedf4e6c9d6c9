import type {
  AssignmentNotificationData,
  LostDealPaidNotificationData,
  MentionNotificationData,
  UserNotification,
} from "@crm/domain/notifications/model";
import type { Selectable } from "kysely";
import type { Notifications } from "../database.gen";

export const notificationColumns = [
  "id",
  "organization_id",
  "user_id",
  "type",
  "data",
  "read_at",
  "created_at",
] as const;

/** A notification with the names it shows, looked up when read (see `selectNamedNotifications`). */
type NotificationRow = Pick<Selectable<Notifications>, (typeof notificationColumns)[number]> & {
  actor_id: string | null;
  actor_name: string | null;
  contact_id: string | null;
  contact_name: string | null;
};

const ref = (id: string | null, name: string | null) => (id !== null && name !== null ? { id, name } : null);

// `data` was written by this repository from the domain type of the same `type`
export function toNotification(row: NotificationRow): UserNotification {
  const base = {
    id: row.id,
    organizationId: row.organization_id,
    userId: row.user_id,
    actor: ref(row.actor_id, row.actor_name),
    contact: ref(row.contact_id, row.contact_name),
    readAt: row.read_at,
    createdAt: row.created_at,
  };
  if (row.type === "assignment")
    return { ...base, type: "assignment", data: row.data as unknown as AssignmentNotificationData };
  if (row.type === "lost_deal_paid")
    return { ...base, type: "lost_deal_paid", data: row.data as unknown as LostDealPaidNotificationData };
  return { ...base, type: "mention", data: row.data as unknown as MentionNotificationData };
}
