import { DomainError, notFound } from "../shared/errors";
import { apiKeyCannotDoThis } from "./api-keys";
import { passwordChangedEmail } from "./auth-emails";
import { assertEmailCanBeQueued } from "./email-queue";
import type { Actor, User } from "./model";
import { assertPasswordStrength } from "./policy";
import type { AuthDeps } from "./ports";
import { requireText } from "./register";
import { publishSessionEnded } from "./sessions";
import { publishTeamUpdated } from "./team-events";

/** What a signed-in user does to their own account: never an API key's business. */
type UserActor = Extract<Actor, { kind: "user" }>;

function asUser(actor: Actor): UserActor {
  if (actor.kind !== "user") throw apiKeyCannotDoThis();
  return actor;
}

export const wrongCurrentPassword = () =>
  new DomainError("VALIDATION_FAILED", "The current password is incorrect", {
    fieldErrors: { currentPassword: ["The current password is incorrect"] },
  });

/**
 * Refuses a password change while its notice cannot be queued: a change the user did not make must not go
 * unannounced. Checked before anything else, so a refused attempt proves nothing about the current password.
 */
export function assertPasswordChangeCanBeNotified(deps: Pick<AuthDeps, "queueReachable">): void {
  assertEmailCanBeQueued(
    deps,
    "Your password cannot be changed right now (the email telling you so cannot be sent): nothing was changed, try again in a few minutes",
  );
}

/**
 * Sets a new password once the current one is proven, and ends the user's other sessions (whoever may have
 * learnt the old password is signed out), keeping this one. The user is emailed that it happened.
 */
export async function changePassword(
  deps: AuthDeps,
  caller: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<{ endedSessions: number }> {
  const actor = asUser(caller);
  assertPasswordChangeCanBeNotified(deps);
  const user = await deps.store.users.findById(actor.organizationId, actor.userId);
  if (!user) throw notFound("User");
  const withPassword = await deps.store.users.findByEmailWithPassword(user.email);
  const valid =
    withPassword?.id === user.id &&
    withPassword.passwordHash !== null &&
    (await deps.passwords.verify(withPassword.passwordHash, input.currentPassword));
  if (!valid) throw wrongCurrentPassword();
  assertPasswordStrength(input.newPassword, "newPassword");
  const passwordHash = await deps.passwords.hash(input.newPassword);
  const now = deps.clock.now();
  const endedSessions = await deps.store.transaction(async (repos) => {
    await repos.users.setPassword(user.id, passwordHash);
    // a reset link asked for before the change must not undo it
    await repos.resetTokens.invalidateForUser(user.id, now);
    return repos.sessions.removeOthersForUser(user.id, actor.sessionId);
  });
  await deps.credentials.revokeAll();
  // names all the user's sessions: each stream re-reads its own, so this one's goes on
  await publishSessionEnded(deps, actor, null, "password_changed");
  const organization = await deps.store.organizations.findById(actor.organizationId);
  try {
    await deps.queue.enqueue(
      "email",
      passwordChangedEmail({ to: user.email, locale: organization?.locale, name: user.name }),
    );
  } catch (err) {
    // the queue failed before its cut was noticed: the password did change, and saying otherwise would be a lie
    deps.logger.error(
      { err, userId: user.id, organizationId: actor.organizationId },
      "password changed but its notice email could not be queued: not sent",
    );
  }
  return { endedSessions };
}

/** Ends every session of the user but the caller's own: a lost phone, a shared computer. */
export async function signOutOtherSessions(
  deps: AuthDeps,
  caller: Actor,
): Promise<{ endedSessions: number }> {
  const actor = asUser(caller);
  const endedSessions = await deps.store.sessions.removeOthersForUser(actor.userId, actor.sessionId);
  await deps.credentials.revokeAll();
  if (endedSessions > 0) await publishSessionEnded(deps, actor, null, "signed_out_elsewhere");
  return { endedSessions };
}

export interface OwnSession {
  current: boolean;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  userAgent: string | null;
}

export async function listOwnSessions(deps: AuthDeps, caller: Actor): Promise<OwnSession[]> {
  const actor = asUser(caller);
  const sessions = await deps.store.sessions.listForUser(actor.userId, deps.clock.now());
  return sessions.map(({ id, ...session }) => ({ ...session, current: id === actor.sessionId }));
}

/** The user's own name, whatever their role: changing someone else's stays with `updateUser`. */
export async function updateOwnProfile(
  deps: AuthDeps,
  caller: Actor,
  patch: { name: string },
): Promise<User> {
  const actor = asUser(caller);
  const name = requireText(patch.name, "name");
  const updated = await deps.store.users.update(actor.organizationId, actor.userId, { name });
  if (!updated) throw notFound("User");
  await publishTeamUpdated(deps, actor.organizationId, actor.userId, "updated");
  return updated;
}
