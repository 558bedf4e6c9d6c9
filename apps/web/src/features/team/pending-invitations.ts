interface InvitationState {
  acceptedAt: string | null;
  revokedAt: string | null;
}

/**
 * The invitations still waiting for their invitee: an accepted one shows up as a member, and a revoked one
 * (inviting the same address again revokes the previous invitation) lets no one in.
 */
export const pendingInvitations = <T extends InvitationState>(items: readonly T[]): T[] =>
  items.filter((item) => !item.acceptedAt && !item.revokedAt);
