import { z } from "zod";
import { id, timestamp } from "../shared/common";
import { conversationStatus } from "./conversation";
import { deliveryStatus } from "./message";

/**
 * The realtime `new_message` event: a message was received, sent or noted. An inbound message moves its
 * conversation (last message, unread count) without a `conversation_updated`, unless it opened or reopened it.
 */
export const newMessagePayload = z.object({
  conversationId: id,
  messageId: id,
  direction: z.enum(["inbound", "outbound"]),
  isPrivate: z.boolean(),
  assignedTo: id
    .nullable()
    .describe("Inbound messages: who the conversation is assigned to now (null: nobody)")
    .optional(),
});

/** The realtime `message_updated` event: a message was edited or deleted. */
export const messageUpdatedPayload = z.object({ conversationId: id, messageId: id, deleted: z.boolean() });

/** The realtime `message_status` event: an outbound message's delivery moved on. */
export const messageStatusPayload = z.object({
  conversationId: id,
  messageId: id,
  status: deliveryStatus,
  error: z.string().nullable(),
});

/** The realtime `conversation_updated` event: status, assignee, last message or unread count changed. */
export const conversationUpdatedPayload = z.object({
  conversationId: id,
  status: conversationStatus,
  assignedTo: id.nullable(),
  lastMessageAt: timestamp.nullable(),
  deleted: z.boolean().describe("true when the conversation was deleted").optional(),
});

/** The realtime `conversation_assigned` event. */
export const conversationAssignedPayload = z.object({
  conversationId: id,
  assignedTo: id.nullable(),
  previousAssignee: id.nullable(),
  created: z
    .boolean()
    .describe("true when the conversation was started with this assignee (it had no previous one)")
    .optional(),
  assignedBy: id
    .nullable()
    .describe(
      "Who assigned it: a user id, or null for an API key; the member themself for a claim or release",
    )
    .optional(),
  assignedByApiKeyId: id
    .nullable()
    .describe("The API key that assigned it (then assignedBy is null); absent when a user did")
    .optional(),
});

/**
 * The realtime `conversation_access_lost` event, sent instead of `conversation_assigned` to whoever could see the
 * conversation before it was reassigned and may not now (an agent, when it goes to someone else). It says which
 * conversation left their view and who has it, nothing of its content: drop it from what you show.
 */
export const conversationAccessLostPayload = z.object({
  conversationId: id,
  assignedTo: id.nullable().describe("Who the conversation is assigned to now"),
});
