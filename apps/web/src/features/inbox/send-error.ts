import { maxNoteLength, maxTextLength } from "@crm/domain/conversations/message-rules";
import type { PlainMessageKey } from "../../i18n/translate";
import { errorCodeOf, toErrorView } from "../../lib/errors";
import type { Channel, Conversation } from "./types";

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

/** What the composer sent, as the mutation keeps it. */
export interface SentText {
  text?: string;
  isPrivate?: boolean;
}

/**
 * Why a message could not be sent, for the composer. A text over the channel's limit (or a note over the notes'
 * limit) says both numbers: the limit is the channel's known one and the count is what was sent, so nothing is
 * read out of the server's English sentence. Any other refusal of the text shows the server's own words for it,
 * not the generic "check the highlighted fields" (the composer highlights nothing).
 */
export type SendProblem =
  | { kind: "message"; key: PlainMessageKey }
  | { kind: "tooLong"; channel: Channel; isPrivate: boolean; max: number; count: number }
  | { kind: "textRefused"; reason: string };

export function sendProblem(
  error: unknown,
  conversation: Conversation,
  sent: SentText | undefined,
  now: Date = new Date(),
): SendProblem {
  if (errorCodeOf(error) === "VALIDATION_FAILED") {
    const isPrivate = sent?.isPrivate ?? false;
    const max = isPrivate ? maxNoteLength : maxTextLength[conversation.channel];
    const count = sent?.text?.length ?? 0;
    if (count > max) return { kind: "tooLong", channel: conversation.channel, isPrivate, max, count };
    const reason = textFieldErrorOf(error);
    if (reason) return { kind: "textRefused", reason };
  }
  return { kind: "message", key: sendErrorMessage(error, conversation, now) };
}

/** The server's first sentence about the `text` field (`data.fieldErrors.text`), if it sent one. */
function textFieldErrorOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("data" in error)) return undefined;
  const data = error.data;
  if (typeof data !== "object" || data === null || !("fieldErrors" in data)) return undefined;
  const fieldErrors = data.fieldErrors;
  if (typeof fieldErrors !== "object" || fieldErrors === null || !("text" in fieldErrors)) return undefined;
  const problems = fieldErrors.text;
  return Array.isArray(problems) && typeof problems[0] === "string" ? problems[0] : undefined;
}
