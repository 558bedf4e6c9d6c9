import type { Actor } from "../auth/model";
import type { Channel } from "../integrations/channel";
import { channels } from "../integrations/channel";
import { DomainError, notFound } from "../shared/errors";
import { parseId } from "../shared/ids";
import { assignerOf } from "./assigner";
import { assertMayAssign, parseAssignee } from "./assignment";
import type { ContactSummary, ConversationView } from "./model";
import type { ConnectedIntegration, ConversationsDeps, ConversationsRepos } from "./ports";
import { conversationUpdated, publishConversationEvent } from "./publish";
import { deliveryThreadOf } from "./reachability";
import { threadIdsOf } from "./thread-ids";
import { canSee, conversationScope } from "./visibility";

export interface StartConversationInput {
  contactId: string;
  /** The channel integration to write through; the conversation takes its channel. */
  integrationId: string;
  /** Needs conversations:assign; unassigned when absent. */
  assignedTo?: string | null | undefined;
}

/**
 * Opens a conversation with a contact on a channel integration, for the agent to write first. One
 * conversation per contact thread and channel: a second start answers CONFLICT with the existing id.
 */
export async function startConversation(
  deps: ConversationsDeps,
  actor: Actor,
  input: StartConversationInput,
): Promise<ConversationView> {
  const organizationId = actor.organizationId;
  const contactId = parseId(input.contactId, "contactId");
  const integrationId = parseId(input.integrationId, "integrationId");
  if (input.assignedTo) assertMayAssign(actor);
  const now = deps.clock.now();

  const conversation = await deps.store.transaction(async (repos) => {
    const contact = await repos.references.contact(organizationId, contactId);
    if (!contact) throw notFound("Contact");
    const integration = await repos.references.integration(organizationId, integrationId);
    const channel = messagingChannel(integration);
    const assignedTo = await parseAssignee(repos, organizationId, input.assignedTo ?? null);
    const channelThreadId = await threadOf(repos, organizationId, contact, channel);
    const existing = await repos.conversations.findByThread(
      organizationId,
      channel,
      integrationId,
      threadIdsOf(channel, channelThreadId),
    );
    if (existing) {
      // an agent learns that it exists, not the id of a conversation someone else handles
      const visible = canSee(conversationScope(actor), existing);
      throw new DomainError(
        "CONFLICT",
        `${contact.name} already has a conversation on ${channel}`,
        visible ? { existingId: existing.id } : undefined,
      );
    }
    return repos.conversations.create(
      organizationId,
      { contactId, channel, channelThreadId, integrationId, assignedTo },
      now,
    );
  });

  await publishConversationEvent(
    deps.events,
    organizationId,
    "conversation_updated",
    conversationUpdated(conversation),
    now,
  );
  if (conversation.assignedTo) {
    await publishConversationEvent(
      deps.events,
      organizationId,
      "conversation_assigned",
      {
        conversationId: conversation.id,
        assignedTo: conversation.assignedTo,
        previousAssignee: null,
        created: true,
        ...assignerOf(actor),
      },
      now,
    );
  }
  const view = await deps.store.conversations.findView(organizationId, conversation.id);
  if (!view) throw notFound("Conversation");
  return view;
}

const isChannel = (value: string): value is Channel => (channels as readonly string[]).includes(value);

function messagingChannel(integration: ConnectedIntegration | undefined): Channel {
  if (!integration) throw notFound("Integration");
  if (!isChannel(integration.channel)) {
    throw new DomainError(
      "UNPROCESSABLE",
      `The ${integration.channel} integration is not a messaging channel: choose a WhatsApp, Telegram or Slack one`,
    );
  }
  if (!integration.isActive) {
    throw new DomainError(
      "UNPROCESSABLE",
      `The ${integration.channel} integration "${integration.name}" is inactive: activate it before writing through it`,
    );
  }
  return integration.channel;
}

/** Where the provider delivers to the contact; UNPROCESSABLE when it cannot reach them there. */
async function threadOf(
  repos: ConversationsRepos,
  organizationId: string,
  contact: ContactSummary,
  channel: Channel,
): Promise<string> {
  const known =
    channel === "discord"
      ? undefined
      : await repos.references.channelUserId(organizationId, contact.id, channel);
  const thread = deliveryThreadOf(channel, contact, known);
  if (!("threadId" in thread)) throw new DomainError("UNPROCESSABLE", thread.message);
  return thread.threadId;
}
