import type { Actor } from "../auth/model";
import { canSee, conversationScope, visibleOrNotFound } from "../conversations/visibility";
import { DomainError } from "../shared/errors";
import { parseId } from "../shared/ids";
import type { RealtimeDeps, UnreadCount } from "./ports";

/** Read state is personal: an API key has no inbox of its own. */
function userIdOf(actor: Actor): string {
  if (actor.kind !== "user") throw new DomainError("FORBIDDEN", "Read state belongs to a signed-in user");
  return actor.userId;
}

export interface ConversationReadPayload {
  conversationId: string;
  userId: string;
  lastReadAt: string;
  unread: 0;
}

/**
 * The user has read the conversation up to now; other users' unread counts do not change. The user's other tabs
 * hear of it (`conversation_read`, theirs alone) and clear the badge too.
 */
export async function markAsReadForUser(
  deps: RealtimeDeps,
  actor: Actor,
  conversationId: string,
): Promise<{ conversationId: string; lastReadAt: Date }> {
  const userId = userIdOf(actor);
  const id = parseId(conversationId, "conversationId");
  const access = await deps.reads.findAccess(actor.organizationId, [id]);
  visibleOrNotFound(actor, access.get(id));
  const lastReadAt = deps.clock.now();
  await deps.reads.markRead(actor.organizationId, id, userId, lastReadAt);
  const payload: ConversationReadPayload = {
    conversationId: id,
    userId,
    lastReadAt: lastReadAt.toISOString(),
    unread: 0,
  };
  await deps.events.publish({
    type: "conversation_read",
    organizationId: actor.organizationId,
    payload,
    occurredAt: lastReadAt.toISOString(),
  });
  return { conversationId: id, lastReadAt };
}

/** The user's unread counts for the conversations they may see; ids they may not see are left out. */
export async function unreadCountsForUser(
  deps: RealtimeDeps,
  actor: Actor,
  conversationIds: string[],
): Promise<UnreadCount[]> {
  const userId = userIdOf(actor);
  const ids = [...new Set(conversationIds.map((id) => parseId(id, "conversationIds")))];
  if (ids.length === 0) return [];
  const scope = conversationScope(actor);
  const access = await deps.reads.findAccess(actor.organizationId, ids);
  const visible = ids.filter((id) => {
    const conversation = access.get(id);
    return conversation !== undefined && canSee(scope, conversation);
  });
  if (visible.length === 0) return [];
  return deps.reads.unreadCounts(actor.organizationId, userId, visible);
}
