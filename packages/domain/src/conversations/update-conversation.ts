import type { Actor } from "../auth/model";
import { notFound } from "../shared/errors";
import { assertUnchanged } from "../shared/record-version";
import { assignerOf } from "./assigner";
import { assertMayAssign, parseAssignee } from "./assignment";
import { type StatusChange, statusPatch } from "./conversation-patch";
import type { ConversationView } from "./model";
import type { ConversationPatch, ConversationsDeps } from "./ports";
import { publishConversationChange } from "./publish";
import { visibleOrNotFound } from "./visibility";

export interface UpdateConversationInput extends StatusChange {
  /** a user id, or null to unassign; needs conversations:assign */
  assignedTo?: string | null | undefined;
  /** write only if the conversation is still at this version (see `assertUnchanged`) */
  expectedUpdatedAt?: Date | undefined;
}

/**
 * Changes a conversation's status (open, pending, snoozed until a time, closed) and its assignee.
 * `conversation_updated` follows any change; `conversation_assigned` follows a new assignee.
 */
export async function updateConversation(
  deps: ConversationsDeps,
  actor: Actor,
  id: string,
  input: UpdateConversationInput,
): Promise<ConversationView> {
  const organizationId = actor.organizationId;
  const now = deps.clock.now();

  const { before, after } = await deps.store.transaction(async (repos) => {
    const before = visibleOrNotFound(actor, await repos.conversations.findById(organizationId, id, "update"));
    assertUnchanged("conversation", before, input);
    const patch: ConversationPatch = statusPatch(before, input, now);
    if (input.assignedTo !== undefined) {
      assertMayAssign(actor);
      const assignedTo = await parseAssignee(repos, organizationId, input.assignedTo);
      if (assignedTo !== before.assignedTo) patch.assignedTo = assignedTo;
    }
    if (Object.keys(patch).length === 0) return { before, after: before };
    return { before, after: await repos.conversations.update(organizationId, id, patch, now) };
  });

  await publishConversationChange(deps.events, organizationId, before, after, now, assignerOf(actor));
  const view = await deps.store.conversations.findView(organizationId, id);
  if (!view) throw notFound("Conversation");
  return view;
}
