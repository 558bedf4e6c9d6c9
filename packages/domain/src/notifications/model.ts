export const notificationTypes = ["assignment", "mention"] as const;
export type NotificationType = (typeof notificationTypes)[number];

export interface AssignmentNotificationData {
  conversationId: string;
  previousAssignee: string | null;
}

export interface MentionNotificationData {
  conversationId: string;
  messageId: string;
  /** The author of the private note, when a user wrote it. */
  authorId: string | null;
  excerpt: string;
}

interface NotificationBase {
  id: string;
  organizationId: string;
  userId: string;
  readAt: Date | null;
  createdAt: Date;
}

export type UserNotification =
  | (NotificationBase & { type: "assignment"; data: AssignmentNotificationData })
  | (NotificationBase & { type: "mention"; data: MentionNotificationData });

export type NewNotification =
  | { type: "assignment"; data: AssignmentNotificationData }
  | { type: "mention"; data: MentionNotificationData };

/** The payload of the realtime `notification` event: the notification as the list shows it. */
export interface NotificationEventPayload {
  id: string;
  userId: string;
  type: NotificationType;
  data: AssignmentNotificationData | MentionNotificationData;
  readAt: string | null;
  createdAt: string;
}
