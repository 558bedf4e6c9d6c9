import type { Actor } from "../auth/model";
import { conversationScope } from "../conversations/visibility";
import { DomainError, validationFailed } from "../shared/errors";
import type { Page, PageRequest } from "../shared/pagination";
import { can, type Permission, roleCannot } from "../shared/permissions";
import type { DeletedEntity, Deletion } from "./model";
import type { DeletionFilter, DeletionsDeps } from "./ports";

/** Who may learn of a kind's deletions: whoever may read its list. */
const readPermission: Record<DeletedEntity, Permission> = {
  contact: "contacts:read",
  company: "contacts:read",
  tag: "contacts:read",
  deal: "deals:read",
  conversation: "conversations:read",
};

/**
 * The deletions of one kind, oldest first. A conversation's tombstone no longer says whom it was assigned to,
 * so a role that sees only some conversations (an agent) would learn of others': conversation deletions are
 * for the roles that see every conversation.
 */
export async function listDeletions(
  deps: DeletionsDeps,
  actor: Actor,
  filter: DeletionFilter,
  page: PageRequest,
): Promise<Page<Deletion>> {
  const required = readPermission[filter.entity];
  if (!can(actor.role, required)) throw roleCannot(actor.role, required);
  if (filter.entity === "conversation" && conversationScope(actor).kind !== "all") {
    throw new DomainError(
      "FORBIDDEN",
      `Your role (${actor.role}) sees only some conversations, so it cannot list their deletions`,
    );
  }
  const { deletedFrom, deletedTo } = filter;
  if (deletedFrom && deletedTo && deletedFrom > deletedTo) {
    throw validationFailed("deletedTo", "deletedTo must not be before deletedFrom");
  }
  return deps.deletions.list(actor.organizationId, filter, page);
}
