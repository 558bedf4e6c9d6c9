import { DomainError } from "../shared/errors";
import type { AuthDeps } from "./ports";
import type { SignedIn } from "./register";
import { type ClientInfo, issueSession } from "./sessions";

export const invalidCredentials = () =>
  new DomainError("INVALID_CREDENTIALS", "Email or password is incorrect");

/**
 * The same answer, after the same work, whether the email is unknown or the password wrong:
 * an attacker learns nothing about which accounts exist.
 */
export async function login(
  deps: AuthDeps & { dummyPasswordHash: string },
  input: { email: string; password: string },
  client: ClientInfo = {},
): Promise<SignedIn> {
  const email = input.email.trim().toLowerCase();
  const user = await deps.store.users.findByEmailWithPassword(email);
  const valid = await deps.passwords.verify(user?.passwordHash ?? deps.dummyPasswordHash, input.password);
  if (!user?.passwordHash || !valid) throw invalidCredentials();

  const organization = await deps.store.organizations.findById(user.organizationId);
  if (!organization) throw invalidCredentials();
  const now = deps.clock.now();
  const { token, session } = await deps.store.transaction(async (repos) => {
    await repos.users.recordLogin(user.id, now);
    return issueSession(deps, repos, { userId: user.id, organizationId: user.organizationId }, client);
  });
  const { passwordHash: _omit, ...publicUser } = user;
  return { token, expiresAt: session.expiresAt, user: { ...publicUser, lastLoginAt: now }, organization };
}
