import { DomainError } from "../shared/errors";
import { assertWhatsappWindowOpen } from "./message-rules";
import type { Conversation } from "./model";
import type { ConversationsRepos } from "./ports";

/** How often the send job tries a message whose provider answered with a temporary error. */
export const messageSendAttempts = 3;

/**
 * What must hold before a message to the customer is stored: the conversation's integration exists and is
 * active, and WhatsApp's 24-hour window is open (a template is allowed outside it). Private notes skip all of this.
 */
export async function assertCanSend(
  repos: ConversationsRepos,
  conversation: Conversation,
  now: Date,
  message: { template: boolean } = { template: false },
): Promise<void> {
  const integration = conversation.integrationId
    ? await repos.references.integration(conversation.organizationId, conversation.integrationId)
    : undefined;
  if (!integration) {
    throw new DomainError(
      "UNPROCESSABLE",
      `This conversation has no ${conversation.channel} integration any more: connect one to send ` +
        "messages (private notes still work)",
      { reason: "integration_missing" },
    );
  }
  if (!integration.isActive) {
    throw new DomainError(
      "UNPROCESSABLE",
      `The ${integration.channel} integration "${integration.name}" is inactive: activate it to send messages`,
      { reason: "integration_inactive", integrationId: integration.id },
    );
  }
  if (!conversation.channelThreadId) {
    throw new DomainError("UNPROCESSABLE", "This conversation has no thread on the channel to write to", {
      reason: "thread_missing",
    });
  }
  if (conversation.channel === "whatsapp" && !message.template) {
    assertWhatsappWindowOpen(conversation.lastInboundAt, now);
  }
}
