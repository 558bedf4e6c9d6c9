import { z } from "zod";
import { id, strictInput, timestamp } from "../shared/common";

export const markAsReadInput = strictInput({ conversationId: id });

export const markAsReadOutput = z.object({
  conversationId: id,
  lastReadAt: timestamp.describe("The user's read position in the conversation"),
  unread: z.literal(0).describe("The user's unread messages in it: none"),
});

/**
 * The realtime `conversation_read` event, delivered only to `userId` (each of their tabs): they read the
 * conversation, so its badge clears everywhere they have it open.
 */
export const conversationReadPayload = z.object({
  conversationId: id,
  userId: id,
  lastReadAt: timestamp.describe("The user's read position in the conversation"),
  unread: z.literal(0).describe("The user's unread messages in it: none"),
});

export const unreadCountsInput = z.object({
  conversationIds: z
    .array(id)
    .min(1)
    .max(100)
    .describe("Conversations to count; ones you may not see are left out"),
});

export const unreadCount = z.object({
  conversationId: id,
  unread: z.number().int().min(0).describe("Inbound messages after your last read of the conversation"),
});

export const unreadCountsOutput = z.array(unreadCount);
