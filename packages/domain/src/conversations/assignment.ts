import type { Actor } from "../auth/model";
import { DomainError, validationFailed } from "../shared/errors";
import { parseId } from "../shared/ids";
import { can } from "../shared/permissions";
import type { ConversationsRepos } from "./ports";

/** Assigning needs conversations:assign (owners and admins): an agent cannot take or hand over work. */
export function assertMayAssign(actor: Actor): void {
  if (!can(actor.role, "conversations:assign")) {
    throw new DomainError(
      "FORBIDDEN",
      `Your role (${actor.role}) cannot assign conversations (conversations:assign)`,
    );
  }
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
