import type { Channel, InboundMessage } from "../integrations";
import type { IngestionChanges } from "./ingest-changes";
import { recordInbound } from "./ingest-conversation";
import { resolveSender } from "./ingest-sender";
import type { InboundMessageDraft, IngestionRepos } from "./ingestion-ports";
import { threadIdsOf } from "./thread-ids";

export interface IngestionSource {
  organizationId: string;
  integrationId: string | null;
  channel: Channel;
  webhookLogId: string;
  /** When the webhook is processed: the conversation's updated_at. */
  now: Date;
}

/**
 * Stores one inbound message inside the webhook's transaction: its sender's contact, its conversation
 * (opened if new), the message itself unless already stored (the idempotency key) with the conversation's
 * counters in the same statement. A redelivered message changes nothing.
 */
export async function ingestMessage(
  repos: IngestionRepos,
  source: IngestionSource,
  { message, position }: { message: InboundMessage; position: number },
  changes: IngestionChanges,
): Promise<void> {
  const { organizationId, channel } = source;
  const sender = await resolveSender(repos.senders, organizationId, channel, message.sender);
  if (sender.created) changes.createdContactIds.push(sender.contactId);

  const thread = { channel, threadId: message.threadId };
  const threadIds = threadIdsOf(channel, message.threadId);
  // the common case is one locking read; opening races are settled by the thread's unique constraint
  const locked = await repos.conversations.lockByThread(
    organizationId,
    channel,
    source.integrationId,
    threadIds,
  );
  const opened = locked
    ? undefined
    : await repos.conversations.open(organizationId, {
        ...thread,
        contactId: sender.contactId,
        integrationId: source.integrationId,
      });
  const conversation =
    locked ??
    opened ??
    (await repos.conversations.lockByThread(organizationId, channel, source.integrationId, threadIds));
  if (!conversation) throw new Error(`The conversation of thread ${thread.threadId} could not be opened`);
  // the conversation is locked: its patch is decided now, and written only if the message is new
  const { patch, reopened } = recordInbound(conversation, message);
  // one whose integration was deleted is taken over by the integration that hears its thread now
  if (conversation.integrationId === null && source.integrationId !== null) {
    patch.integrationId = source.integrationId;
  }
  const draft: InboundMessageDraft = {
    conversationId: conversation.id,
    channel,
    channelMessageId: message.channelMessageId,
    contentType: message.contentType,
    content: message.text,
    sentAt: message.sentAt,
    replyToChannelMessageId: message.replyToChannelMessageId ?? null,
    formerChannelMessageId: message.formerChannelMessageId ?? null,
    arrival: { webhookLogId: source.webhookLogId, position },
    media: message.media
      ? {
          providerMediaId: message.media.providerMediaId,
          mimeType: message.media.mimeType ?? null,
          fileName: message.media.fileName ?? null,
        }
      : null,
  };
  const messageId = await repos.messages.insertInbound(organizationId, draft, { patch, at: source.now });
  if (!messageId) return;

  changes.newMessages.push({
    conversationId: conversation.id,
    messageId,
    hasMedia: message.media !== undefined,
  });
  changes.conversations.set(conversation.id, { ...conversation, ...patch });
  if (opened !== undefined || reopened) changes.statusChanged.add(conversation.id);
}
