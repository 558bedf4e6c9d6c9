import type { Actor } from "../auth/model";
import { DomainError } from "../shared/errors";
import { can } from "../shared/permissions";
import { removeMediaFiles } from "./erase-media";
import { messagePreview } from "./ingest-conversation";
import { visibleMessage } from "./message-queries";
import type { Message } from "./model";
import type { ConversationPatch, MessageDeletionDeps } from "./ports";
import { conversationUpdated, publishConversationEvent } from "./publish";

/**
 * Deletes a message here (not at the provider): its content is replaced, its media and metadata are
 * cleared, and it stays in the thread as deleted. The conversation's preview forgets it too, and its stored
 * media file is removed once that committed (see `MediaErasureDeps`). Deleting a deleted message changes
 * nothing. Owners and admins delete any message they can see; anyone else only what they sent themself (their
 * replies and notes): the customer's words and a colleague's are evidence, not theirs to erase.
 */
export async function deleteMessage(deps: MessageDeletionDeps, actor: Actor, id: string): Promise<Message> {
  const organizationId = actor.organizationId;
  const now = deps.clock.now();
  const result = await deps.store.transaction(async (repos) => {
    const { message, conversation } = await visibleMessage(repos, actor, id, "update");
    assertMayDelete(actor, message);
    if (message.deletedAt) return { message, conversation: undefined, changed: false, mediaUrl: null };
    const redacted = await repos.messages.redact(organizationId, id, now);
    const mediaUrl = message.media?.url ?? null;
    if (message.isPrivate) return { message: redacted, conversation: undefined, changed: true, mediaUrl };
    const latest = await repos.messages.latestVisible(organizationId, conversation.id);
    const preview = latest ? messagePreview({ text: latest.content, contentType: latest.contentType }) : null;
    const patch: ConversationPatch = {};
    if (preview !== conversation.lastMessagePreview) patch.lastMessagePreview = preview;
    // the unread ones are the newest `unreadCount` inbound messages still there: was this one of them?
    if (message.direction === "inbound" && conversation.unreadCount > 0) {
      const after = await repos.messages.countInboundAfter(organizationId, conversation.id, message);
      if (after < conversation.unreadCount) patch.unreadCount = conversation.unreadCount - 1;
    }
    const updated =
      Object.keys(patch).length === 0
        ? undefined
        : await repos.conversations.update(organizationId, conversation.id, patch, now);
    return { message: redacted, conversation: updated, changed: true, mediaUrl };
  });
  if (!result.changed) return result.message;
  await removeMediaFiles(deps, result.mediaUrl ? [result.mediaUrl] : []);
  await publishConversationEvent(
    deps.events,
    organizationId,
    "message_updated",
    { conversationId: result.message.conversationId, messageId: id, deleted: true },
    now,
  );
  if (result.conversation) {
    await publishConversationEvent(
      deps.events,
      organizationId,
      "conversation_updated",
      conversationUpdated(result.conversation),
      now,
    );
  }
  return result.message;
}

function assertMayDelete(actor: Actor, message: Message): void {
  // the permission to assign anybody's conversation is the managers' say over the whole inbox
  if (can(actor.role, "conversations:assign")) return;
  const ownMessage =
    actor.kind === "user" && message.senderType === "agent" && message.senderId === actor.userId;
  if (!ownMessage) {
    throw new DomainError(
      "FORBIDDEN",
      "Only owners and admins delete messages they did not send: the customer's messages and other members' replies and notes stay",
    );
  }
}
