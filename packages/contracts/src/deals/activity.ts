import { z } from "zod";
import { id, strictInput, timestamp } from "../shared/common";
import { pageInput, pageOf } from "../shared/pagination";

export const userDealActivityType = z
  .enum(["note", "call", "meeting", "task"])
  .describe("What a user records on a deal");

export const dealActivityType = z
  .enum([
    "note",
    "call",
    "meeting",
    "task",
    "created",
    "stage_changed",
    "won",
    "lost",
    "reopened",
    "payment_paid",
    "payment_refunded",
    "contact_changed",
    "payment_expired",
    "payment_declined",
    "payment_link_created",
    "payment_link_sent",
    "fields_changed",
  ])
  .describe(
    "User activities (note, call, meeting, task) or system ones written with the change they describe. " +
      "payment_declined: an attempt to pay a pending link failed (a declined card) and the link stays payable; " +
      "its data has provider, amount, currency and, when the provider gave them, declineCode and declineMessage. " +
      "payment_link_created: a payment link was made for the deal (data: paymentId, provider, amount, currency). " +
      "payment_link_sent: a link was sent to the deal's contact in a conversation (the same data, with " +
      "conversationId and messageId). " +
      "fields_changed: an edit of the title, value, expected close date or owner; data.changes lists each changed " +
      "field as { field, from, to }, field being title, value ({ amount, currency }), expectedCloseDate " +
      "(YYYY-MM-DD or null) or assigneeId (a user id or null)",
  );

export const dealActivity = z.object({
  id,
  dealId: id,
  type: dealActivityType,
  content: z.string().nullable().describe("The user's text; null for system activities"),
  data: z
    .record(z.string(), z.unknown())
    .describe("Facts of a system activity, e.g. from/to stages of a move, named as they were then"),
  dueAt: timestamp.nullable(),
  done: z.boolean(),
  doneAt: timestamp.nullable(),
  actorId: id.nullable().describe("The user who did it; null for API keys and the system"),
  apiKeyId: id
    .nullable()
    .describe(
      "The API key that did it (its id stays after the key is deleted); null for users and the system",
    ),
  createdAt: timestamp,
});
export const dealActivityPage = pageOf(dealActivity);

export const addDealActivityInput = strictInput({
  id: id.describe("The deal"),
  type: userDealActivityType,
  content: z.string().max(10_000),
  dueAt: timestamp.nullable().describe("For tasks, calls and meetings").optional(),
});

export const listDealActivitiesInput = z.object({ id: id.describe("The deal"), ...pageInput });

export const updateDealActivityInput = strictInput({
  id: id.describe("The deal"),
  activityId: id,
  done: z.boolean().describe("Marks a task, call or meeting done, or not done again"),
});
