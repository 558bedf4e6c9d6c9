import type { PlainMessageKey } from "../../i18n/translate";
import { errorCodeOf, toErrorView } from "../../lib/errors";
import type { Conversation } from "./types";

const whatsappWindowMs = 24 * 60 * 60 * 1000;

/** WhatsApp accepts free text only within 24 hours of the customer's last message. */
export function whatsappWindowClosed(conversation: Conversation, now: Date = new Date()): boolean {
  if (conversation.channel !== "whatsapp") return false;
  if (!conversation.lastInboundAt) return true;
  return now.getTime() - new Date(conversation.lastInboundAt).getTime() >= whatsappWindowMs;
}

/**
 * Why a message could not be sent, in words: the API's 422 covers the closed window and a missing channel, its
 * 404 a conversation reassigned away from the user (or deleted) before the realtime event said so.
 */
export function sendErrorMessage(
  error: unknown,
  conversation: Conversation,
  now: Date = new Date(),
): PlainMessageKey {
  if (errorCodeOf(error) === "NOT_FOUND") return "inbox.errors.noLongerVisible";
  if (errorCodeOf(error) === "UNPROCESSABLE") {
    if (!whatsappWindowClosed(conversation, now)) return "inbox.errors.channelUnavailable";
    // a conversation the agent started: the window never opened, it did not close
    return conversation.lastInboundAt ? "inbox.errors.whatsappWindow" : "inbox.errors.whatsappNotOpened";
  }
  return toErrorView(error).message;
}
