import { DomainError, notFound } from "../shared/errors";
import type { Role } from "../shared/permissions";
import { assertMayGrant } from "./invitations";
import type { Actor, User } from "./model";
import type { AuthDeps, AuthRepos } from "./ports";
import { requireText } from "./register";

const lastOwner = () =>
  new DomainError("PRECONDITION_FAILED", "The organization must keep at least one owner");

export async function updateUser(
  deps: AuthDeps,
  actor: Actor,
  id: string,
  patch: { name?: string | undefined; role?: Role | undefined },
): Promise<User> {
  const { updated, roleChanged } = await deps.store.transaction(async (repos) => {
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
    // a new role takes effect at once: the user signs in again under it
    if (roleChanged) await repos.sessions.removeForUser(target.id);
    return { updated, roleChanged };
  });
  if (roleChanged) await deps.credentials.revokeAll();
  return updated;
}

export async function removeUser(deps: AuthDeps, actor: Actor, id: string): Promise<void> {
  await deps.store.transaction(async (repos) => {
    const { target, owners } = await lockTarget(repos, actor.organizationId, id);
    if (!target) throw notFound("User");
    if (target.role === "owner") {
      assertOwner(actor, "remove an owner");
      assertNotLastOwner(owners, target.id);
    }
    // before the removal, which forgets who sent them: they must not let anyone in after their sender is gone
    await repos.invitations.revokePendingFromInviter(actor.organizationId, target.id, deps.clock.now());
    await repos.users.remove(actor.organizationId, id);
  });
  await deps.credentials.revokeAll();
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
