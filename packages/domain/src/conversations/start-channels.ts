import type { Actor } from "../auth/model";
import type { Channel } from "../integrations/channel";
import { channels } from "../integrations/channel";
import { notFound } from "../shared/errors";
import { parseId } from "../shared/ids";
import type { ConversationsDeps } from "./ports";
import { channelUnavailable, type Unreachable, unreachableReason } from "./reachability";

export interface StartChannel {
  id: string;
  name: string;
  channel: Channel;
  /** Why a conversation cannot be started through it (with the contact asked about); null when it can. */
  unavailable: Unreachable | null;
}

const isChannel = (value: string): value is Channel => (channels as readonly string[]).includes(value);

/**
 * The active messaging integrations a conversation can be started on, for whoever may write (agents cannot
 * read integrations, whose config holds secrets). With a contact, each says whether it reaches them.
 */
export async function listStartChannels(
  deps: ConversationsDeps,
  actor: Actor,
  query: { contactId?: string | undefined },
): Promise<StartChannel[]> {
  const organizationId = actor.organizationId;
  const references = deps.store.references;
  const contactId = query.contactId === undefined ? undefined : parseId(query.contactId, "contactId");
  const contact = contactId === undefined ? undefined : await references.contact(organizationId, contactId);
  if (contactId !== undefined && !contact) throw notFound("Contact");
  const noChannels: Channel[] = [];
  const [integrations, written] = await Promise.all([
    references.activeChannelIntegrations(organizationId),
    contact ? references.channelsOfContact(organizationId, contact.id) : noChannels,
  ]);

  return integrations.flatMap(({ id, name, channel }) => {
    if (!isChannel(channel)) return [];
    const unavailable = contact
      ? unreachableReason(channel, contact, written.includes(channel))
      : channelUnavailable(channel);
    return [{ id, name, channel, unavailable }];
  });
}
