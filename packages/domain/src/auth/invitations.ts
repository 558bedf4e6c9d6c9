import { parseEmail } from "../shared/email";
import { DomainError, notFound } from "../shared/errors";
import { canGrantRole, type Role } from "../shared/permissions";
import { invitationEmail } from "./auth-emails";
import type { Actor, Invitation } from "./model";
import { assertPasswordStrength, invitationLifetimeMs } from "./policy";
import type { AuthDeps } from "./ports";
import { emailTaken, requireText, type SignedIn } from "./register";
import { type ClientInfo, issueSession } from "./sessions";

/** Invites someone by email; inviting the same address again replaces the pending invitation. */
export async function inviteUser(
  deps: AuthDeps,
  actor: Actor,
  input: { email: string; role: Role },
): Promise<Invitation> {
  const email = parseEmail(input.email);
  assertMayGrant(actor, input.role);
  const existing = await deps.store.users.findByEmailWithPassword(email);
  if (existing) throw emailTaken();

  const token = deps.tokens.generate();
  const now = deps.clock.now();
  const invitation = await deps.store.transaction(async (repos) => {
    // the new invitation replaces a pending one: that takes the right to revoke it (an admin, an owner's)
    const replaced = await repos.invitations.revokePendingForEmail(actor.organizationId, email, now);
    for (const role of replaced) assertMayGrant(actor, role);
    return repos.invitations.create({
      organizationId: actor.organizationId,
      email,
      role: input.role,
      tokenHash: deps.tokens.hash(token),
      invitedBy: actor.kind === "user" ? actor.userId : null,
      expiresAt: new Date(now.getTime() + invitationLifetimeMs),
    });
  });
  const organization = await deps.store.organizations.findById(actor.organizationId);
  await deps.queue.enqueue(
    "email",
    invitationEmail({
      to: email,
      locale: organization?.locale,
      organizationName: organization?.name,
      role: input.role,
      link: deps.links.acceptInvitation(token),
    }),
  );
  return invitation;
}

export const invalidInvitation = () =>
  new DomainError("INVALID_TOKEN", "This invitation is invalid, expired or already used", {
    fieldErrors: { token: ["This invitation is invalid, expired or already used"] },
  });

export async function acceptInvitation(
  deps: AuthDeps,
  input: { token: string; name: string; password: string },
  client: ClientInfo = {},
): Promise<SignedIn> {
  const name = requireText(input.name, "name");
  assertPasswordStrength(input.password);
  const invitation = await deps.store.invitations.findByTokenHash(deps.tokens.hash(input.token));
  const now = deps.clock.now();
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now) {
    throw invalidInvitation();
  }
  const passwordHash = await deps.passwords.hash(input.password);
  const signedIn = await deps.store.transaction(async (repos) => {
    if (!(await repos.invitations.markAccepted(invitation.id, now))) throw invalidInvitation();
    const user = await repos.users.create(invitation.organizationId, {
      email: invitation.email,
      name,
      role: invitation.role,
      passwordHash,
    });
    await repos.users.recordLogin(user.id, now);
    const issued = await issueSession(
      deps,
      repos,
      { userId: user.id, organizationId: user.organizationId },
      client,
    );
    return { ...issued, user: { ...user, lastLoginAt: now } };
  });
  const organization = await deps.store.organizations.findById(invitation.organizationId);
  if (!organization) throw notFound("Organization");
  return { token: signedIn.token, expiresAt: signedIn.session.expiresAt, user: signedIn.user, organization };
}

/** Revoking takes the same right as granting: an admin cannot revoke an invitation to be an owner. */
export async function revokeInvitation(deps: AuthDeps, actor: Actor, id: string): Promise<Invitation> {
  const invitation = await deps.store.invitations.findById(actor.organizationId, id);
  if (!invitation) throw notFound("Invitation");
  assertMayGrant(actor, invitation.role);
  const revoked = await deps.store.invitations.revoke(actor.organizationId, id, deps.clock.now());
  if (!revoked) throw notFound("Invitation");
  return revoked;
}

export function assertMayGrant(actor: Actor, role: Role): void {
  if (!canGrantRole(actor.role, role)) {
    throw new DomainError("FORBIDDEN", `The ${actor.role} role cannot grant the ${role} role`);
  }
}
