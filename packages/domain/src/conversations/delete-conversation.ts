import type { Actor } from "../auth/model";
import { notFound } from "../shared/errors";
import type { ConversationsDeps } from "./ports";
import { conversationUpdated, publishConversationEvent } from "./publish";
import { visibleOrNotFound } from "./visibility";

/** Deletes a conversation with its messages (owners and admins: the router asks for conversations:assign). */
export async function deleteConversation(deps: ConversationsDeps, actor: Actor, id: string): Promise<void> {
  const organizationId = actor.organizationId;
  const now = deps.clock.now();
  const deleted = await deps.store.transaction(async (repos) => {
    const conversation = visibleOrNotFound(
      actor,
      await repos.conversations.findById(organizationId, id, "update"),
    );
    if (!(await repos.conversations.remove(organizationId, id))) throw notFound("Conversation");
    return conversation;
  });
  await publishConversationEvent(
    deps.events,
    organizationId,
    "conversation_updated",
    conversationUpdated(deleted, true),
    now,
  );
}
