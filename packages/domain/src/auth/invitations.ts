import { parseEmail } from "../shared/email";
import { DomainError, notFound } from "../shared/errors";
import { canGrantRole, type Role } from "../shared/permissions";
import { invitationEmail } from "./auth-emails";
import { assertEmailCanBeQueued, emailUnavailable } from "./email-queue";
import type { Actor, Invitation } from "./model";
import { assertPasswordStrength, invitationLifetimeMs } from "./policy";
import type { AuthDeps } from "./ports";
import { requireText, type SignedIn } from "./register";
import { type ClientInfo, issueSession } from "./sessions";
import { publishTeamUpdated } from "./team-events";

const invitationNotSent =
  "The invitation email cannot be sent right now: nothing was invited, try again in a few minutes";

/**
 * Invites someone by email; inviting the same address again replaces the pending invitation. An address with an
 * account in another organization is invited like an unknown one, with the same answer and the same work: the
 * inviter must not learn who uses CRM Manager elsewhere. Its email tells the invitee how to join all the same.
 * Refused (UNAVAILABLE) while its email cannot be queued: nothing is written, the pending invitation stays.
 */
export async function inviteUser(
  deps: AuthDeps,
  actor: Actor,
  input: { email: string; role: Role },
): Promise<SentInvitation> {
  const email = parseEmail(input.email);
  assertMayGrant(actor, input.role);
  assertEmailCanBeQueued(deps, invitationNotSent);
  const existing = await deps.store.users.findByEmailWithPassword(email);
  if (existing?.organizationId === actor.organizationId) throw alreadyMember();

  const token = deps.tokens.generate();
  const now = deps.clock.now();
  const organization = await deps.store.organizations.findById(actor.organizationId);
  const { invitation, replaced } = await deps.store.transaction(async (repos) => {
    // the new invitation replaces a pending one: that takes the right to revoke it (an admin, an owner's)
    const replaced = await repos.invitations.revokePendingForEmail(actor.organizationId, email, now);
    for (const role of replaced) assertMayGrant(actor, role);
    const invitation = await repos.invitations.create({
      organizationId: actor.organizationId,
      email,
      role: input.role,
      tokenHash: deps.tokens.hash(token),
      invitedBy: actor.kind === "user" ? actor.userId : null,
      expiresAt: new Date(now.getTime() + invitationLifetimeMs),
    });
    // queued before the commit, so a queue that fails (Redis cut off, not yet noticed) rolls it all back: no
    // invitation without its email, and the one it replaced still pending. Should the commit fail after, the
    // email's link only says the invitation is invalid.
    try {
      await deps.queue.enqueue(
        "email",
        invitationEmail({
          to: email,
          locale: organization?.locale,
          organizationName: organization?.name,
          role: input.role,
          link: deps.links.acceptInvitation(token),
          accountElsewhere: existing !== undefined,
        }),
      );
    } catch (err) {
      deps.logger.warn(
        { err, organizationId: actor.organizationId },
        "invitation email not queued: not invited",
      );
      throw emailUnavailable(invitationNotSent);
    }
    return { invitation, replaced };
  });
  return { ...invitation, replacedRole: replaced[0] ?? null };
}

export interface SentInvitation extends Invitation {
  /** The role of the pending invitation this one replaced (its link stops working), null when none was. */
  replacedRole: Role | null;
}

const alreadyMember = () =>
  new DomainError("CONFLICT", "This person is already a member of this organization", {
    fieldErrors: { email: ["This person is already a member of this organization"] },
  });

/** Told only to whoever holds the invitation's link, that is, to the address's owner. */
const accountExists = (sameOrganization: boolean) =>
  new DomainError(
    "CONFLICT",
    sameOrganization
      ? "This email address is already a member of this organization: sign in instead"
      : "This email address already has a CRM Manager account in another organization, and an account belongs to one organization only: ask to be removed from that organization, or ask for an invitation to another email address",
  );

const alreadyAccepted = () =>
  new DomainError("CONFLICT", "This invitation was already accepted: remove the member instead");

export const invalidInvitation = () =>
  new DomainError("INVALID_TOKEN", "This invitation is invalid, expired or already used", {
    fieldErrors: { token: ["This invitation is invalid, expired or already used"] },
  });

const isAcceptable = (invitation: Invitation, now: Date) =>
  !invitation.acceptedAt && !invitation.revokedAt && invitation.expiresAt > now;

/** What the invitation page shows before its form: who invites whom, where and as what. */
export interface InvitationPreview {
  /** Whether the invitation can still be accepted; the rest is null when it cannot. */
  valid: boolean;
  organizationName: string | null;
  role: Role | null;
  email: string | null;
  /** null for an invitation an API key sent, or whose sender is no longer a member */
  inviterName: string | null;
}

const unusableInvitation: InvitationPreview = {
  valid: false,
  organizationName: null,
  role: null,
  email: null,
  inviterName: null,
};

/**
 * Read by whoever holds the link (the invited address's owner), before they choose a password. An unknown
 * token and one accepted, revoked or expired get the same empty answer: a guessed token learns nothing.
 */
export async function previewInvitation(deps: AuthDeps, token: string): Promise<InvitationPreview> {
  const invitation = await deps.store.invitations.findByTokenHash(deps.tokens.hash(token));
  if (!invitation || !isAcceptable(invitation, deps.clock.now())) return unusableInvitation;
  const organization = await deps.store.organizations.findById(invitation.organizationId);
  if (!organization) return unusableInvitation;
  const inviter = invitation.invitedBy
    ? await deps.store.users.findById(invitation.organizationId, invitation.invitedBy)
    : undefined;
  return {
    valid: true,
    organizationName: organization.name,
    role: invitation.role,
    email: invitation.email,
    inviterName: inviter?.name ?? null,
  };
}

export async function acceptInvitation(
  deps: AuthDeps,
  input: { token: string; name: string; password: string },
  client: ClientInfo = {},
): Promise<SignedIn> {
  const name = requireText(input.name, "name");
  assertPasswordStrength(input.password);
  const invitation = await deps.store.invitations.findByTokenHash(deps.tokens.hash(input.token));
  const now = deps.clock.now();
  if (!invitation || !isAcceptable(invitation, now)) throw invalidInvitation();
  const existing = await deps.store.users.findByEmailWithPassword(invitation.email);
  if (existing) throw accountExists(existing.organizationId === invitation.organizationId);
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
  await publishTeamUpdated(deps, invitation.organizationId, signedIn.user.id, "joined");
  const organization = await deps.store.organizations.findById(invitation.organizationId);
  if (!organization) throw notFound("Organization");
  return { token: signedIn.token, expiresAt: signedIn.session.expiresAt, user: signedIn.user, organization };
}

/**
 * Revoking takes the same right as granting: an admin cannot revoke an invitation to be an owner. Like an API
 * key's, it is idempotent: a revoked invitation is answered as it is; only an accepted one cannot be revoked.
 */
export async function revokeInvitation(deps: AuthDeps, actor: Actor, id: string): Promise<Invitation> {
  const invitation = await deps.store.invitations.findById(actor.organizationId, id);
  if (!invitation) throw notFound("Invitation");
  assertMayGrant(actor, invitation.role);
  if (invitation.revokedAt) return invitation;
  if (invitation.acceptedAt) throw alreadyAccepted();
  const revoked = await deps.store.invitations.revoke(actor.organizationId, id, deps.clock.now());
  if (!revoked) throw notFound("Invitation");
  // accepted meanwhile: the revocation did nothing
  if (revoked.acceptedAt) throw alreadyAccepted();
  return revoked;
}

export function assertMayGrant(actor: Actor, role: Role): void {
  if (!canGrantRole(actor.role, role)) {
    throw new DomainError("FORBIDDEN", `The ${actor.role} role cannot grant the ${role} role`);
  }
}
