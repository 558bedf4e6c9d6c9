import type { Actor } from "../auth/model";
import { notFound } from "../shared/errors";
import type { Conversation } from "./model";

/**
 * Which conversations an actor may see. Agents see those assigned to them and the unassigned ones (an API
 * key acting as an agent is nobody: it sees the unassigned ones); owners, admins and viewers see all.
 */
export type ConversationScope = { kind: "all" } | { kind: "assignedOrUnassigned"; userId: string | null };

export function conversationScope(actor: Actor): ConversationScope {
  if (actor.role !== "agent") return { kind: "all" };
  return { kind: "assignedOrUnassigned", userId: actor.kind === "user" ? actor.userId : null };
}

export function canSee(scope: ConversationScope, conversation: Pick<Conversation, "assignedTo">): boolean {
  if (scope.kind === "all") return true;
  return conversation.assignedTo === null || conversation.assignedTo === scope.userId;
}

/** The conversation if the actor may see it; anything else is 404, so an agent learns nothing of others' work. */
export function visibleOrNotFound<C extends Pick<Conversation, "assignedTo">>(
  actor: Actor,
  conversation: C | undefined,
): C {
  if (!conversation || !canSee(conversationScope(actor), conversation)) throw notFound("Conversation");
  return conversation;
}
