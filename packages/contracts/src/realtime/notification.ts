import { z } from "zod";
import { booleanParam } from "../deals/deal";
import { id, timestamp } from "../shared/common";
import { pageInput, pageOf } from "../shared/pagination";

export const notificationType = z.enum(["assignment", "mention"]).describe("assignment or mention");

export const assignmentNotificationData = z.object({
  conversationId: id,
  previousAssignee: id.nullable().describe("Who had the conversation before"),
});

export const mentionNotificationData = z.object({
  conversationId: id,
  messageId: id.describe("The private note that mentions the user"),
  authorId: id.nullable().describe("Who wrote the note"),
  excerpt: z.string().describe("The beginning of the note"),
});

const notificationBase = {
  id,
  readAt: timestamp.nullable().describe("When the user marked it read; null while unread"),
  createdAt: timestamp,
};

const assignmentNotification = z.object({
  ...notificationBase,
  type: z.literal("assignment"),
  data: assignmentNotificationData,
});
const mentionNotification = z.object({
  ...notificationBase,
  type: z.literal("mention"),
  data: mentionNotificationData,
});

export const notification = z.discriminatedUnion("type", [assignmentNotification, mentionNotification]);

/** The realtime `notification` event: delivered only to `userId`. */
export const notificationEventPayload = z.discriminatedUnion("type", [
  assignmentNotification.extend({ userId: id }),
  mentionNotification.extend({ userId: id }),
]);

export const listNotificationsInput = z.object({
  unreadOnly: booleanParam.describe("Only unread notifications (default false)").optional(),
  ...pageInput,
});

export const notificationPage = pageOf(notification).extend({
  unreadCount: z.number().int().min(0).describe("The user's unread notifications in all"),
});

export const markNotificationsReadInput = z.object({
  ids: z.array(id).max(100).describe("The notifications to mark read").optional(),
  all: z.literal(true).describe("Mark every notification read").optional(),
});

export const markNotificationsReadOutput = z.object({
  updated: z.number().int().min(0).describe("How many notifications changed from unread to read"),
});
