import type { Actor } from "../auth/model";
import { DomainError, validationFailed } from "../shared/errors";
import { parseId } from "../shared/ids";
import { can } from "../shared/permissions";
import type { Conversation } from "./model";
import type { ConversationsRepos } from "./ports";

/**
 * Assigning anybody needs conversations:assign (owners and admins). Without it a member may only claim an
 * unassigned conversation for themself or release their own (see `claimConversation`), so the message says so.
 */
export function assertMayAssign(actor: Actor): void {
  if (can(actor.role, "conversations:assign")) return;
  const refusal = `Your role (${actor.role}) cannot assign conversations (conversations:assign)`;
  throw new DomainError(
    "FORBIDDEN",
    mayAssignSelf(actor)
      ? `${refusal}: you may only claim an unassigned conversation for yourself, or release one assigned to you`
      : refusal,
  );
}

/** Claiming and releasing: a signed-in member who can answer conversations, on their own behalf. */
export function mayAssignSelf(actor: Actor): boolean {
  return actor.kind === "user" && can(actor.role, "conversations:write");
}

/**
 * Who a reply to the customer makes the assignee: the signed-in member who sends it, when the conversation is
 * nobody's (so two members do not answer the same customer, and the others see it taken). Undefined when it
 * stays as it is: already assigned (to them or to someone else), or sent by an API key, which is nobody.
 */
export function replyAssignee(
  actor: Actor,
  conversation: Pick<Conversation, "assignedTo">,
): string | undefined {
  if (actor.kind !== "user" || conversation.assignedTo !== null || !mayAssignSelf(actor)) return undefined;
  return actor.userId;
}

/** The assignee must be a member who can answer conversations (not a viewer). */
export async function parseAssignee(
  repos: ConversationsRepos,
  organizationId: string,
  assignedTo: string | null,
): Promise<string | null> {
  if (assignedTo === null) return null;
  const userId = parseId(assignedTo, "assignedTo");
  const member = await repos.references.member(organizationId, userId);
  if (!member) throw validationFailed("assignedTo", "No such user in this organization");
  if (!can(member.role, "conversations:write")) {
    throw validationFailed("assignedTo", `A ${member.role} cannot answer conversations`);
  }
  return userId;
}
