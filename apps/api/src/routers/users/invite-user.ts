import { inviteUserInput, sentInvitation } from "@crm/contracts";
import { inviteUser as invite } from "@crm/domain";
import type { Context } from "../../trpc/context";
import { permission } from "../../trpc/init";
import { enforceRateLimit, type RateRule, refundRateLimit } from "../../trpc/rate-limit";
import { toInvitationDto } from "../auth/dto";

/** Sending the same address another invitation (which replaces the pending one) at most this often per hour. */
const resendsPerHour = 3;

/**
 * Every invitation emails an address outside the organization, with its name in the text: without a limit, a
 * signed-up organization named like a phishing lure could mail anyone through us. Counted per address invited
 * again and, for the attempts that address allows, per organization (by any member or API key).
 */
function invitationRules(ctx: Context, organizationId: string, email: string) {
  const perHour = ctx.container.env.INVITATION_RATE_LIMIT_PER_HOUR;
  const address: RateRule = {
    key: `invite:email:${organizationId}:${email.trim().toLowerCase()}`,
    limit: resendsPerHour,
    windowSeconds: 3600,
    refusal: `Too many invitations to this email address (at most ${resendsPerHour} an hour)`,
  };
  const organization: RateRule = {
    key: `invite:org:${organizationId}`,
    limit: perHour,
    windowSeconds: 3600,
    refusal: `Too many invitations from this organization (at most ${perHour} an hour)`,
  };
  return { rules: [address], gated: [organization] };
}

export const inviteUser = permission("users:invite")
  .meta({
    openapi: {
      method: "POST",
      path: "/users",
      tags: ["users"],
      summary: "Invite a user by email (an invitation link is emailed)",
      description:
        "Inviting an address that has a pending invitation replaces it: its link stops working, and `replacedRole` says which role it offered. An organization sends at most `INVITATION_RATE_LIMIT_PER_HOUR` invitations an hour (20 by default), and one address at most 3 an hour; past that, 429. While the invitation email cannot be sent (the job queue is unreachable), 503 with `Retry-After`, and nothing is invited.",
      successDescription: "The pending invitation",
    },
  })
  .input(inviteUserInput)
  .output(sentInvitation)
  .mutation(async ({ ctx, input }) => {
    const { rules, gated } = invitationRules(ctx, ctx.actor.organizationId, input.email);
    // counted before the work, so a burst of parallel invitations cannot all pass before any is counted
    await enforceRateLimit(ctx, rules, gated);
    try {
      const sent = await invite(ctx.container.auth, ctx.actor, input);
      return { ...toInvitationDto(sent), replacedRole: sent.replacedRole };
    } catch (error) {
      // refused (already a member, a role not the actor's to grant): no email left, nothing to count
      await refundRateLimit(ctx, [...rules, ...gated], "an invitation not sent");
      throw error;
    }
  });
