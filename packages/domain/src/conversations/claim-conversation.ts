import type { Actor } from "../auth/model";
import { DomainError, notFound } from "../shared/errors";
import { assignerOf } from "./assigner";
import { mayAssignSelf } from "./assignment";
import type { Conversation, ConversationView } from "./model";
import type { AssigneeChange, ConversationsDeps } from "./ports";
import { publishConversationChange } from "./publish";
import { visibleOrNotFound } from "./visibility";

export type SelfAssignment = "claim" | "release";

/**
 * What claiming (taking an unassigned conversation) or releasing (giving back one's own) would change:
 * undefined when it is already done. Another member's conversation is a CONFLICT: owners and admins, who see
 * it, reassign it with `assignedTo`; an agent never gets here, it is not found for them.
 */
export function selfAssignmentChange(
  actor: Actor,
  conversation: Pick<Conversation, "assignedTo">,
  action: SelfAssignment,
): AssigneeChange | undefined {
  if (actor.kind !== "user") {
    throw new DomainError(
      "FORBIDDEN",
      "An API key is nobody: only a signed-in member can claim or release a conversation",
    );
  }
  if (!mayAssignSelf(actor)) {
    throw new DomainError(
      "FORBIDDEN",
      `Your role (${actor.role}) cannot answer conversations (conversations:write), so it cannot ${action} one`,
    );
  }
  const change: AssigneeChange =
    action === "claim" ? { from: null, to: actor.userId } : { from: actor.userId, to: null };
  if (conversation.assignedTo === change.to) return undefined;
  if (conversation.assignedTo !== change.from) throw assignedToSomeoneElse(action);
  return change;
}

const assignedToSomeoneElse = (action: SelfAssignment) =>
  new DomainError(
    "CONFLICT",
    action === "claim"
      ? "This conversation is already assigned to someone else: only an unassigned conversation can be claimed"
      : "This conversation is assigned to someone else: only its assignee can release it",
  );

/**
 * Claims an unassigned conversation for the signed-in member, or releases theirs back to unassigned. The
 * change is one conditional update: of two members claiming the same conversation at once exactly one gets
 * it, the other a CONFLICT. Announced as any assignment is (`conversation_updated`, `conversation_assigned`
 * with the member as `assignedBy`).
 */
export async function changeOwnAssignment(
  deps: ConversationsDeps,
  actor: Actor,
  id: string,
  action: SelfAssignment,
): Promise<ConversationView> {
  const organizationId = actor.organizationId;
  const now = deps.clock.now();

  const { before, after } = await deps.store.transaction(async (repos) => {
    // not locked: the conditional update decides between concurrent claims, so both may pass this read
    const before = visibleOrNotFound(actor, await repos.conversations.findById(organizationId, id));
    const change = selfAssignmentChange(actor, before, action);
    if (!change) return { before, after: before };
    const after = await repos.conversations.reassign(organizationId, id, change, now);
    if (after) return { before, after };
    // another member's change committed in between (the statement saw it): who has it now stays unsaid
    if (!(await repos.conversations.findById(organizationId, id))) throw notFound("Conversation");
    throw assignedToSomeoneElse(action);
  });

  // assignedBy names the claimer: nobody is notified of taking a conversation themself
  await publishConversationChange(deps.events, organizationId, before, after, now, assignerOf(actor));
  const view = await deps.store.conversations.findView(organizationId, id);
  if (!view) throw notFound("Conversation");
  return view;
}

export const claimConversation = (deps: ConversationsDeps, actor: Actor, id: string) =>
  changeOwnAssignment(deps, actor, id, "claim");

export const releaseConversation = (deps: ConversationsDeps, actor: Actor, id: string) =>
  changeOwnAssignment(deps, actor, id, "release");
