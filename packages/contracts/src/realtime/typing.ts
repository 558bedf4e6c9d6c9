import { z } from "zod";
import { id, okOutput, strictInput, timestamp } from "../shared/common";

export const typingInput = strictInput({ conversationId: id });
export const typingOutput = okOutput;

/** The realtime `user_typing` event; the indicator disappears at `expiresAt` unless renewed. */
export const userTypingPayload = z.object({
  conversationId: id,
  userId: id,
  isTyping: z.boolean(),
  expiresAt: timestamp.nullable().describe("When to stop showing the indicator; null when typing stopped"),
});
