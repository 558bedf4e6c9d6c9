import type { Conversation } from "../conversations/model";
import { publishConversationChange } from "../conversations/publish";
import { DomainError, notFound } from "../shared/errors";
import { can, permissions, type Role } from "../shared/permissions";
import { assertMayGrant } from "./invitations";
import type { Actor, User } from "./model";
import type { AuthDeps, AuthRepos } from "./ports";
import { requireText } from "./register";
import { publishTeamUpdated } from "./team-events";

const lastOwner = () =>
  new DomainError("PRECONDITION_FAILED", "The organization must keep at least one owner");

export async function updateUser(
  deps: AuthDeps,
  actor: Actor,
  id: string,
  patch: { name?: string | undefined; role?: Role | undefined },
): Promise<User> {
  const { updated, roleChanged, renamed, released } = await deps.store.transaction(async (repos) => {
    const { target, owners } = await lockTarget(repos, actor.organizationId, id);
    if (!target) throw notFound("User");
    if (target.role === "owner") assertOwner(actor, "edit an owner");
    const name = patch.name === undefined ? undefined : requireText(patch.name, "name");
    if (patch.role !== undefined && patch.role !== target.role) {
      assertMayGrant(actor, patch.role);
      if (target.role === "owner") assertNotLastOwner(owners, target.id);
    }
    const updated = await repos.users.update(actor.organizationId, id, {
      ...(name === undefined ? {} : { name }),
      ...(patch.role === undefined ? {} : { role: patch.role }),
    });
    if (!updated) throw notFound("User");
    const roleChanged = patch.role !== undefined && patch.role !== target.role;
    // a role that takes something away ends the user's sessions: they sign in again under it
    if (roleChanged && !isPromotion(target.role, updated.role)) await repos.sessions.removeForUser(target.id);
    // as a removal does: a member who may no longer answer leaves their conversations to the team's queue
    const released =
      roleChanged && !mayAnswer(updated.role)
        ? await repos.assignments.releaseAll(actor.organizationId, target.id, deps.clock.now())
        : [];
    return { updated, roleChanged, renamed: updated.name !== target.name, released };
  });
  if (roleChanged) {
    // the role is read with the session on every lookup: forgetting the recalled actors applies the new one
    await deps.credentials.revokeAll();
    await publishMembership(deps, actor.organizationId, updated.id, updated.role);
  }
  if (roleChanged || renamed) await publishTeamUpdated(deps, actor.organizationId, updated.id, "updated");
  await publishReleased(deps, actor.organizationId, updated.id, released);
  return updated;
}

/** Each conversation a member left reaches the agents' inboxes as any unassignment does. */
async function publishReleased(
  deps: AuthDeps,
  organizationId: string,
  memberId: string,
  released: readonly Conversation[],
): Promise<void> {
  for (const conversation of released) {
    const before = { ...conversation, assignedTo: memberId };
    await publishConversationChange(deps.events, organizationId, before, conversation, deps.clock.now());
  }
}

/** Whether a member of this role can be assigned conversations (see conversations/assignment). */
const mayAnswer = (role: Role) => can(role, "conversations:write");

/**
 * Whether `to` may do everything `from` may and see every conversation `from` sees. A promotion keeps the user's
 * sessions: what they hold (screens, cached data, a replica that missed the revocation for a few seconds) was
 * allowed under both roles. Anything else (owner to admin, viewer to agent, which sees fewer conversations) ends
 * them, so nothing fetched under the old role outlives it.
 */
export function isPromotion(from: Role, to: Role): boolean {
  if (from === to) return false;
  const seesAll = (role: Role) => role !== "agent"; // as conversations/visibility scopes them
  if (seesAll(from) && !seesAll(to)) return false;
  return permissions.every((permission) => !can(from, permission) || can(to, permission));
}

/** Tells the user's open sessions at once (their subscription ends, or a promoted one applies the new role). */
async function publishMembership(
  deps: AuthDeps,
  organizationId: string,
  userId: string,
  role: Role | null,
): Promise<void> {
  await deps.events.publish({
    type: "membership_changed",
    organizationId,
    payload: { userId, role },
    occurredAt: deps.clock.now().toISOString(),
  });
}

export async function removeUser(deps: AuthDeps, actor: Actor, id: string): Promise<void> {
  const released = await deps.store.transaction(async (repos) => {
    const { target, owners } = await lockTarget(repos, actor.organizationId, id);
    if (!target) throw notFound("User");
    if (target.role === "owner") {
      assertOwner(actor, "remove an owner");
      assertNotLastOwner(owners, target.id);
    }
    // before the removal, which forgets who sent them: they must not let anyone in after their sender is gone
    await repos.invitations.revokePendingFromInviter(actor.organizationId, target.id, deps.clock.now());
    // released here, not only by the foreign key, so the agents' inboxes hear of each one
    const released = await repos.assignments.releaseAll(actor.organizationId, target.id, deps.clock.now());
    await repos.users.remove(actor.organizationId, id);
    return released;
  });
  await deps.credentials.revokeAll();
  await publishMembership(deps, actor.organizationId, id, null);
  await publishTeamUpdated(deps, actor.organizationId, id, "removed");
  await publishReleased(deps, actor.organizationId, id, released);
}

/**
 * The owners, then the user, in the order every change of roles takes them: the user's role is read as it is,
 * not as it was before a promotion that commits meanwhile.
 */
async function lockTarget(
  repos: AuthRepos,
  organizationId: string,
  id: string,
): Promise<{ target: User | undefined; owners: string[] }> {
  const owners = await repos.users.lockOwners(organizationId);
  return { target: await repos.users.lockById(organizationId, id), owners };
}

function assertOwner(actor: Actor, action: string): void {
  if (actor.role !== "owner") throw new DomainError("FORBIDDEN", `Only an owner can ${action}`);
}

function assertNotLastOwner(owners: readonly string[], leavingId: string): void {
  if (owners.filter((ownerId) => ownerId !== leavingId).length === 0) throw lastOwner();
}
