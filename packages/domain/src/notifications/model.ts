export const notificationTypes = ["assignment", "mention", "lost_deal_paid"] as const;
export type NotificationType = (typeof notificationTypes)[number];

export interface AssignmentNotificationData {
  conversationId: string;
  previousAssignee: string | null;
  /** Who assigned it: a user, or null for an API key; absent when the assignment did not say. */
  assignedBy?: string | null;
  /** The API key that assigned it, when a key did. */
  assignedByApiKeyId?: string | null;
}

export interface MentionNotificationData {
  conversationId: string;
  messageId: string;
  /** The author of the private note, when a user wrote it. */
  authorId: string | null;
  excerpt: string;
}

/** A payment link was paid on a deal marked lost: the deal is won now, unless its pipeline does not win on payment. */
export interface LostDealPaidNotificationData {
  dealId: string;
  paymentId: string;
  /** Decimal string. */
  amount: string;
  currency: string;
  /** Why the deal had been marked lost. */
  lostReason: string | null;
  /** Whether the payment won the deal (its pipeline wins deals on payment). */
  won: boolean;
}

/** A person or customer a notification names, as they are called now; null once they are gone. */
export interface NamedRef {
  id: string;
  name: string;
}

interface NotificationBase {
  id: string;
  organizationId: string;
  userId: string;
  /** Who caused it (assigned, wrote the note), while still a member. */
  actor: NamedRef | null;
  /** The customer it is about: the conversation's or the deal's contact, while it exists. */
  contact: NamedRef | null;
  readAt: Date | null;
  createdAt: Date;
}

export type UserNotification =
  | (NotificationBase & { type: "assignment"; data: AssignmentNotificationData })
  | (NotificationBase & { type: "mention"; data: MentionNotificationData })
  | (NotificationBase & { type: "lost_deal_paid"; data: LostDealPaidNotificationData });

export type NewNotification =
  | { type: "assignment"; data: AssignmentNotificationData }
  | { type: "mention"; data: MentionNotificationData }
  | { type: "lost_deal_paid"; data: LostDealPaidNotificationData };

/** The payload of the realtime `notification` event: the notification as the list shows it. */
export interface NotificationEventPayload {
  id: string;
  userId: string;
  type: NotificationType;
  data: AssignmentNotificationData | MentionNotificationData | LostDealPaidNotificationData;
  actor: NamedRef | null;
  contact: NamedRef | null;
  readAt: string | null;
  createdAt: string;
}

/** The payload of the realtime `notifications_read` event: the user marked some (`ids`) or all (null) read. */
export interface NotificationsReadPayload {
  userId: string;
  ids: string[] | null;
  /** The user's unread notifications after the change. */
  unreadCount: number;
}
