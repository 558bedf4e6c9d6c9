import type { Channel } from "../integrations/channel";
import { DomainError, validationFailed } from "../shared/errors";

/** What each provider accepts in one text message (Discord's is the smallest). */
export const maxTextLength: Record<Channel, number> = {
  whatsapp: 4096,
  telegram: 4096,
  slack: 40_000,
  discord: 2000,
};

export const maxNoteLength = 10_000;

/** WhatsApp's customer-service window: free text only within 24 hours of the customer's last message. */
export const whatsappWindowMs = 24 * 60 * 60 * 1000;

/** The text to send or keep as a note: not blank, within the channel's limit. Kept as typed. */
export function parseMessageText(text: string, channel: Channel, isPrivate: boolean): string {
  if (text.trim() === "") throw validationFailed("text", "Write something to send");
  const max = isPrivate ? maxNoteLength : maxTextLength[channel];
  if (text.length > max) {
    const where = isPrivate ? "A private note" : `A ${channel} message`;
    throw validationFailed("text", `${where} holds at most ${max} characters (this one has ${text.length})`);
  }
  return text;
}

/** Refuses free text on WhatsApp outside the customer-service window, pointing to templates, allowed outside it. */
export function assertWhatsappWindowOpen(lastInboundAt: Date | null, now: Date): void {
  if (lastInboundAt && now.getTime() - lastInboundAt.getTime() < whatsappWindowMs) return;
  const since = lastInboundAt
    ? `the customer last wrote at ${lastInboundAt.toISOString()}`
    : "the customer has not written in this conversation yet";
  throw new DomainError(
    "UNPROCESSABLE",
    `WhatsApp only accepts free text within 24 hours of the customer's last message, and ${since}. ` +
      "Send an approved message template instead, or wait for the customer to write again.",
    { reason: "whatsapp_window_closed", lastInboundAt: lastInboundAt?.toISOString() ?? null },
  );
}
