import { changePasswordInput, endedSessions } from "@crm/contracts";
import { assertPasswordChangeCanBeNotified, changePassword as change } from "@crm/domain";
import { authenticatedProcedure } from "../../trpc/init";
import { enforceRateLimit, perIp, refundRateLimit } from "../../trpc/rate-limit";
import { loginFailureRules } from "./login";

export const changePassword = authenticatedProcedure
  .meta({
    userOnly: true,
    openapi: {
      method: "POST",
      path: "/auth/change-password",
      tags: ["auth"],
      summary:
        "Change your password with the current one; signs out your other sessions and keeps this one (users only; 503 while its notice email cannot be sent)",
    },
  })
  .input(changePasswordInput)
  .output(endedSessions)
  .mutation(async ({ ctx, input }) => {
    const { actor } = ctx;
    // before the rate limit: a refused attempt tries no password, so it should not count
    assertPasswordChangeCanBeNotified(ctx.container.auth);
    const user =
      actor.kind === "user"
        ? await ctx.container.auth.store.users.findById(actor.organizationId, actor.userId)
        : undefined;
    // the same counts as the login's: a stolen session gets no more guesses at the password than the log-in page
    const failures = user ? loginFailureRules(user.email, ctx.client.ip) : { rules: [], gated: [] };
    await enforceRateLimit(ctx, [perIp(ctx, "change-password"), ...failures.rules], failures.gated);
    const result = await change(ctx.container.auth, ctx.actor, input);
    await refundRateLimit(ctx, [...failures.rules, ...failures.gated], "a password change");
    return result;
  });
