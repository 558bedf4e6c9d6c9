import type { Actor } from "../auth/model";
import type { Channel } from "../integrations/channel";
import { channels } from "../integrations/channel";
import { notFound } from "../shared/errors";
import { parseId } from "../shared/ids";
import { whatsappWindowMs } from "./message-rules";
import type { AssigneeSummary, ContactSummary, ConversationStatus } from "./model";
import type { ConversationsDeps } from "./ports";
import { channelUnavailable, deliveryThreadOf, type Unreachable, unreachableReason } from "./reachability";
import { threadIdsOf } from "./thread-ids";
import { canSee, conversationScope } from "./visibility";

/**
 * The conversation a start on this channel would run into (POST answers 409 for it). One the actor may not
 * see (an agent's, handled by someone else) tells only that it exists and who handles it, so the agent knows
 * whom to ask: its id, status and the customer's last message stay hidden, as in the 409.
 */
export interface ExistingConversation {
  id: string | null;
  status: ConversationStatus | null;
  assignee: AssigneeSummary | null;
  mayOpen: boolean;
}

/** WhatsApp's 24-hour customer-service window with this contact on this number. */
export interface WhatsappWindow {
  open: boolean;
  lastInboundAt: Date | null;
}

export interface StartChannel {
  id: string;
  name: string;
  channel: Channel;
  /** Why a conversation cannot be started through it (with the contact asked about); null when it can. */
  unavailable: Unreachable | null;
  /** With a contact: their conversation there, if any. */
  existing: ExistingConversation | null;
  /** With a contact, on a WhatsApp integration that reaches them and whose conversation the actor may see. */
  whatsappWindow: WhatsappWindow | null;
}

const isChannel = (value: string): value is Channel => (channels as readonly string[]).includes(value);

/**
 * The active messaging integrations a conversation can be started on, for whoever may write (agents cannot
 * read integrations, whose config holds secrets). With a contact, each says whether it reaches them, the
 * conversation they already have there and, on WhatsApp, whether free text can go now.
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

  const items = integrations.flatMap(({ id, name, channel }) =>
    isChannel(channel) ? [{ id, name, channel }] : [],
  );
  return Promise.all(
    items.map(async ({ id, name, channel }): Promise<StartChannel> => {
      if (!contact)
        return {
          id,
          name,
          channel,
          unavailable: channelUnavailable(channel),
          existing: null,
          whatsappWindow: null,
        };
      const unavailable = unreachableReason(channel, contact, written.includes(channel));
      if (unavailable) return { id, name, channel, unavailable, existing: null, whatsappWindow: null };
      return {
        id,
        name,
        channel,
        unavailable,
        ...(await conversationThere(deps, actor, contact, channel, id)),
      };
    }),
  );
}

/** The contact's conversation on the integration, found as POST /conversations finds it, and the window. */
async function conversationThere(
  deps: ConversationsDeps,
  actor: Actor,
  contact: ContactSummary,
  channel: Channel,
  integrationId: string,
): Promise<Pick<StartChannel, "existing" | "whatsappWindow">> {
  const organizationId = actor.organizationId;
  const known = await deps.store.references.channelUserId(organizationId, contact.id, channel);
  const thread = deliveryThreadOf(channel, contact, known);
  const found =
    "threadId" in thread
      ? await deps.store.conversations.findByThread(
          organizationId,
          channel,
          integrationId,
          threadIdsOf(channel, thread.threadId),
        )
      : undefined;
  const view = found && (await deps.store.conversations.findView(organizationId, found.id));
  const lastInboundAt = view?.lastInboundAt ?? null;
  const window = channel === "whatsapp" ? windowAt(lastInboundAt, deps.clock.now()) : null;
  if (!view) return { existing: null, whatsappWindow: window };
  if (!canSee(conversationScope(actor), view)) {
    return {
      existing: { id: null, status: null, assignee: view.assignee, mayOpen: false },
      whatsappWindow: null,
    };
  }
  return {
    existing: { id: view.id, status: view.status, assignee: view.assignee, mayOpen: true },
    whatsappWindow: window,
  };
}

const windowAt = (lastInboundAt: Date | null, now: Date): WhatsappWindow => ({
  open: lastInboundAt !== null && now.getTime() - lastInboundAt.getTime() < whatsappWindowMs,
  lastInboundAt,
});
