import { DomainError } from "../shared/errors";
import { passwordResetEmail } from "./auth-emails";
import { assertEmailCanBeQueued } from "./email-queue";
import { assertPasswordStrength, resetTokenLifetimeMs } from "./policy";
import type { AuthDeps } from "./ports";
import { publishSessionEnded } from "./sessions";

/**
 * Refuses a reset asked for while its email could not be queued (it would be lost, and the user told it was sent).
 * Checked before the email is looked up, so the refusal is the same whether or not the email has an account.
 */
export function assertPasswordResetCanBeSent(deps: Pick<AuthDeps, "queueReachable">): void {
  assertEmailCanBeQueued(
    deps,
    "The password reset email cannot be sent right now: try again in a few minutes",
  );
}

/** Always succeeds from the caller's view, so it cannot be used to probe which emails have accounts. */
export async function requestPasswordReset(deps: AuthDeps, input: { email: string }): Promise<void> {
  const email = input.email.trim().toLowerCase();
  const user = await deps.store.users.findByEmailWithPassword(email);
  if (!user) return;
  const token = deps.tokens.generate();
  const now = deps.clock.now();
  await deps.store.resetTokens.create({
    userId: user.id,
    tokenHash: deps.tokens.hash(token),
    expiresAt: new Date(now.getTime() + resetTokenLifetimeMs),
  });
  const organization = await deps.store.organizations.findById(user.organizationId);
  await deps.queue.enqueue(
    "email",
    passwordResetEmail({
      to: user.email,
      locale: organization?.locale,
      name: user.name,
      link: deps.links.resetPassword(token),
    }),
  );
}

export const invalidResetToken = () =>
  new DomainError("INVALID_TOKEN", "This reset link is invalid, expired or already used", {
    fieldErrors: { token: ["This reset link is invalid, expired or already used"] },
  });

/**
 * Whether a reset link can still be used, read by the reset page before it asks for a password. It says nothing
 * else (not whose account it is): an unknown, used or expired token all answer the same.
 */
export async function checkResetToken(deps: AuthDeps, token: string): Promise<{ valid: boolean }> {
  const found = await deps.store.resetTokens.findByTokenHash(deps.tokens.hash(token));
  return { valid: found !== undefined && isUsable(found, deps.clock.now()) };
}

const isUsable = (token: { usedAt: Date | null; expiresAt: Date }, now: Date) =>
  !token.usedAt && token.expiresAt.getTime() > now.getTime();

/** Sets the new password, burns the token and signs the user out everywhere. */
export async function resetPassword(
  deps: AuthDeps,
  input: { token: string; password: string },
): Promise<void> {
  assertPasswordStrength(input.password);
  const found = await deps.store.resetTokens.findByTokenHash(deps.tokens.hash(input.token));
  const now = deps.clock.now();
  if (!found || !isUsable(found, now)) throw invalidResetToken();
  const passwordHash = await deps.passwords.hash(input.password);
  await deps.store.transaction(async (repos) => {
    if (!(await repos.resetTokens.markUsed(found.id, now))) throw invalidResetToken();
    await repos.users.setPassword(found.userId, passwordHash);
    await repos.resetTokens.invalidateForUser(found.userId, now);
    await repos.sessions.removeForUser(found.userId);
  });
  await deps.credentials.revokeAll();
  const user = await deps.store.users.findByIdAnyOrganization(found.userId);
  if (user)
    await publishSessionEnded(
      deps,
      { userId: user.id, organizationId: user.organizationId },
      null,
      "password_reset",
    );
}
