import type {
  AssignmentNotificationData,
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

type NotificationRow = Pick<Selectable<Notifications>, (typeof notificationColumns)[number]>;

// `data` was written by this repository from the domain type of the same `type`
export function toNotification(row: NotificationRow): UserNotification {
  const base = {
    id: row.id,
    organizationId: row.organization_id,
    userId: row.user_id,
    readAt: row.read_at,
    createdAt: row.created_at,
  };
  return row.type === "assignment"
    ? { ...base, type: "assignment", data: row.data as unknown as AssignmentNotificationData }
    : { ...base, type: "mention", data: row.data as unknown as MentionNotificationData };
}
