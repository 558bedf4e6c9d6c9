import type { Channel } from "../integrations/channel";
import type { ContactSummary } from "./model";

/** Why a conversation cannot be started with a contact on a channel. */
export interface Unreachable {
  code: "customer_starts" | "no_phone" | "never_wrote";
  message: string;
}

/** What rules a channel out for every contact: Discord bots cannot write first, so the customer has to. */
export function channelUnavailable(channel: Channel): Unreachable | null {
  if (channel !== "discord") return null;
  return {
    code: "customer_starts",
    message:
      "Discord conversations start when the customer writes to the bot; they cannot be opened from here",
  };
}

/**
 * Why the provider cannot deliver to the contact on the channel, or null when it can: it needs their user id
 * there (they wrote once) or, on WhatsApp, their phone.
 */
export function unreachableReason(
  channel: Channel,
  contact: ContactSummary,
  hasIdentity: boolean,
): Unreachable | null {
  const unavailable = channelUnavailable(channel);
  if (unavailable || hasIdentity) return unavailable;
  if (channel === "whatsapp") {
    return contact.phone
      ? null
      : {
          code: "no_phone",
          message: `${contact.name} cannot be reached on whatsapp: they need a phone number`,
        };
  }
  return {
    code: "never_wrote",
    message: `${contact.name} cannot be reached on ${channel}: they need to have written to you on ${channel} first`,
  };
}

/** The thread the provider delivers to: the contact's user id on the channel, or their WhatsApp number. */
export function deliveryThreadOf(
  channel: Channel,
  contact: ContactSummary,
  knownChannelUserId: string | undefined,
): { threadId: string } | Unreachable {
  const reason = unreachableReason(channel, contact, knownChannelUserId !== undefined);
  if (reason) return reason;
  // WhatsApp addresses people by their number without the "+"
  return { threadId: knownChannelUserId ?? (contact.phone ?? "").replace(/^\+/, "") };
}
