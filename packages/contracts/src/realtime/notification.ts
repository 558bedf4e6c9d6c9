import { z } from "zod";
import { booleanParam } from "../deals/deal";
import { id, strictInput, timestamp } from "../shared/common";
import { pageInput, pageOf } from "../shared/pagination";

export const notificationType = z
  .enum(["assignment", "mention", "lost_deal_paid"])
  .describe("assignment, mention, or lost_deal_paid (a payment arrived on a deal marked lost)");

export const assignmentNotificationData = z.object({
  conversationId: id,
  previousAssignee: id.nullable().describe("Who had the conversation before"),
  assignedBy: id
    .nullable()
    .describe("Who assigned it: a user id, or null for an API key; absent on older notifications")
    .optional(),
  assignedByApiKeyId: id
    .nullable()
    .describe("The API key that assigned it, when a key did; absent otherwise")
    .optional(),
});

export const mentionNotificationData = z.object({
  conversationId: id,
  messageId: id.describe("The private note that mentions the user"),
  authorId: id.nullable().describe("Who wrote the note"),
  excerpt: z.string().describe("The beginning of the note"),
});

export const lostDealPaidNotificationData = z.object({
  dealId: id,
  paymentId: id.describe("The payment link that was paid"),
  amount: z.string().describe('Decimal string, e.g. "1234.56"'),
  currency: z.string().describe("ISO 4217 code"),
  lostReason: z.string().nullable().describe("Why the deal had been marked lost"),
  won: z.boolean().describe("Whether the payment won the deal (its pipeline wins deals on payment)"),
});

const namedRef = z.object({ id, name: z.string() });

const notificationBase = {
  id,
  actor: namedRef
    .nullable()
    .describe(
      "Who caused it (assigned the conversation, wrote the note), as named now; null if unknown or gone",
    ),
  contact: namedRef
    .nullable()
    .describe("The customer it is about (the conversation's or the deal's contact); null once deleted"),
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

const lostDealPaidNotification = z.object({
  ...notificationBase,
  type: z.literal("lost_deal_paid"),
  data: lostDealPaidNotificationData,
});

export const notification = z.discriminatedUnion("type", [
  assignmentNotification,
  mentionNotification,
  lostDealPaidNotification,
]);

/** The realtime `notification` event: delivered only to `userId`. */
export const notificationEventPayload = z.discriminatedUnion("type", [
  assignmentNotification.extend({ userId: id }),
  mentionNotification.extend({ userId: id }),
  lostDealPaidNotification.extend({ userId: id }),
]);

export const listNotificationsInput = z.object({
  unreadOnly: booleanParam.describe("Only unread notifications (default false)").optional(),
  ...pageInput,
});

export const notificationPage = pageOf(notification).extend({
  unreadCount: z.number().int().min(0).describe("The user's unread notifications in all"),
});

export const markNotificationsReadInput = strictInput({
  ids: z.array(id).max(100).describe("The notifications to mark read").optional(),
  all: z.literal(true).describe("Mark every notification read").optional(),
});

export const markNotificationsReadOutput = z.object({
  updated: z.number().int().min(0).describe("How many notifications changed from unread to read"),
  unreadCount: z.number().int().min(0).describe("Your unread notifications after the change"),
});

/** The realtime `notifications_read` event: the user marked notifications read (in another tab, say). */
export const notificationsReadPayload = z.object({
  userId: id,
  ids: z.array(id).nullable().describe("The notifications marked read; null when all were"),
  unreadCount: z.number().int().min(0).describe("The user's unread notifications after the change"),
});

const mentionedMember = z.object({ userId: id, name: z.string() });

/** What a private note's @mentions did: the answer to its author. */
export const noteMentions = z.object({
  notified: z.array(mentionedMember).describe("The members the note notifies"),
  notNotified: z
    .array(
      z.object({
        handle: z.string().describe('The mention as written, e.g. "@Ana"'),
        reason: z
          .enum(["ambiguous", "cannot_see_conversation"])
          .describe(
            "ambiguous: a first name several members share (write the full name or email); " +
              "cannot_see_conversation: an agent, and the conversation is assigned to someone else",
          ),
        members: z.array(mentionedMember).describe("Who the mention could mean, or who it named"),
      }),
    )
    .describe("Mentions that notify nobody, and why"),
});
