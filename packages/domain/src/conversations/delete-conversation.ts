import type { Actor } from "../auth/model";
import { notFound } from "../shared/errors";
import { assertUnchanged, type Precondition } from "../shared/record-version";
import { removeMediaFiles } from "./erase-media";
import type { MessageDeletionDeps } from "./ports";
import { conversationUpdated, publishConversationEvent } from "./publish";
import { visibleOrNotFound } from "./visibility";

/**
 * Deletes a conversation with its messages (owners and admins: the router asks for conversations:assign),
 * then, once that committed, their stored media files (see `MediaErasureDeps`).
 */
export async function deleteConversation(
  deps: MessageDeletionDeps,
  actor: Actor,
  id: string,
  precondition: Precondition = {},
): Promise<void> {
  const organizationId = actor.organizationId;
  const now = deps.clock.now();
  const deleted = await deps.store.transaction(async (repos) => {
    const conversation = visibleOrNotFound(
      actor,
      await repos.conversations.findById(organizationId, id, "update"),
    );
    assertUnchanged("conversation", conversation, precondition);
    const removed = await repos.conversations.remove(organizationId, id);
    if (!removed) throw notFound("Conversation");
    return { conversation, mediaUrls: removed.mediaUrls };
  });
  await removeMediaFiles(deps, deleted.mediaUrls);
  await publishConversationEvent(
    deps.events,
    organizationId,
    "conversation_updated",
    conversationUpdated(deleted.conversation, true),
    now,
  );
}
