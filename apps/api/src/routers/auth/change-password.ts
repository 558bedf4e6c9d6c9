import { changePasswordInput, endedSessions } from "@crm/contracts";
import { changePassword as change } from "@crm/domain";
import { authenticatedProcedure } from "../../trpc/init";
import { enforceRateLimit, perIp } from "../../trpc/rate-limit";
import { perEmail } from "./login";

export const changePassword = authenticatedProcedure
  .meta({
    userOnly: true,
    openapi: {
      method: "POST",
      path: "/auth/change-password",
      tags: ["auth"],
      summary:
        "Change your password with the current one; signs out your other sessions and keeps this one (users only)",
    },
  })
  .input(changePasswordInput)
  .output(endedSessions)
  .mutation(async ({ ctx, input }) => {
    const { actor } = ctx;
    const user =
      actor.kind === "user"
        ? await ctx.container.auth.store.users.findById(actor.organizationId, actor.userId)
        : undefined;
    // the same count as the login's: a stolen session gets no more guesses at the password than the log-in page
    const emailRule = user ? [perEmail(user.email)] : [];
    await enforceRateLimit(ctx, [perIp(ctx, "change-password"), ...emailRule]);
    const result = await change(ctx.container.auth, ctx.actor, input);
    for (const rule of emailRule) {
      await ctx.container.rateLimiter.refund(rule.key).catch((err: unknown) => {
        ctx.container.logger.warn({ err }, "could not refund a password change's rate-limit hit");
      });
    }
    return result;
  });
