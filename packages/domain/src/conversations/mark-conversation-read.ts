import type { Actor } from "../auth/model";
import { notFound } from "../shared/errors";
import type { ConversationView } from "./model";
import type { ConversationsDeps } from "./ports";
import { conversationUpdated, publishConversationEvent } from "./publish";
import { visibleOrNotFound } from "./visibility";

/** Sets the unread count to zero: the agent has read the conversation. */
export async function markConversationRead(
  deps: ConversationsDeps,
  actor: Actor,
  id: string,
): Promise<ConversationView> {
  const organizationId = actor.organizationId;
  const now = deps.clock.now();
  const changed = await deps.store.transaction(async (repos) => {
    const conversation = visibleOrNotFound(
      actor,
      await repos.conversations.findById(organizationId, id, "update"),
    );
    if (conversation.unreadCount === 0) return undefined;
    return repos.conversations.update(organizationId, id, { unreadCount: 0 }, now);
  });
  if (changed) {
    await publishConversationEvent(
      deps.events,
      organizationId,
      "conversation_updated",
      conversationUpdated(changed),
      now,
    );
  }
  const view = await deps.store.conversations.findView(organizationId, id);
  if (!view) throw notFound("Conversation");
  return view;
}
