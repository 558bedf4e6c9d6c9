import type { Channel, InboundMessage } from "../integrations";
import { isDomainError } from "../shared/errors";
import { brazilianMobileVariants, type Phone, parsePhone } from "../shared/phone";
import type { InboundSenderRepository } from "./ingestion-ports";

const maxNameLength = 200;

/** The sender's phone in E.164 (with Brazil's ninth digit), when the channel is WhatsApp and gives a valid one. */
export function senderPhone(channel: Channel, sender: InboundMessage["sender"]): Phone | undefined {
  if (channel !== "whatsapp") return undefined;
  const candidates = [
    sender.phone,
    /^\d{8,15}$/.test(sender.channelUserId) ? `+${sender.channelUserId}` : undefined,
  ];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      return parsePhone(candidate.startsWith("+") ? candidate : `+${candidate}`);
    } catch (error) {
      if (!isDomainError(error)) throw error;
    }
  }
  return undefined;
}

/** A new contact's name: the profile name, else the username, else the phone, else the channel's user id. */
export function senderName(sender: InboundMessage["sender"], phone: Phone | undefined): string {
  const name = [sender.name, sender.username, phone, sender.channelUserId]
    .map((value) => value?.trim())
    .find((value) => value !== undefined && value !== "");
  return (name ?? "Unknown").slice(0, maxNameLength);
}

/**
 * The contact behind a message's sender: the one linked to the channel identity, else (WhatsApp) the one
 * holding the phone under any of its Brazilian forms, else a new one named from the profile. The identity is
 * linked to it, so the next message resolves in one lookup.
 */
export async function resolveSender(
  senders: InboundSenderRepository,
  organizationId: string,
  channel: Channel,
  sender: InboundMessage["sender"],
): Promise<{ contactId: string; created: boolean }> {
  const known = await senders.findContactId(organizationId, channel, sender.channelUserId);
  if (known) return { contactId: known, created: false };
  const phone = senderPhone(channel, sender);
  // a first message: serialize with any concurrent one from the same sender, then look again
  await senders.lock(organizationId, phone ?? `${channel}/${sender.channelUserId}`);
  const linked = await senders.findContactId(organizationId, channel, sender.channelUserId);
  if (linked) return { contactId: linked, created: false };

  const existing = phone
    ? await senders.findContactIdByPhones(organizationId, brazilianMobileVariants(phone))
    : undefined;
  const contactId =
    existing ??
    (await senders.createContact(organizationId, { name: senderName(sender, phone), phone: phone ?? null }));
  await senders.link(organizationId, contactId, {
    channel,
    channelUserId: sender.channelUserId,
    displayName: sender.name?.trim().slice(0, maxNameLength) || null,
  });
  return { contactId, created: existing === undefined };
}
