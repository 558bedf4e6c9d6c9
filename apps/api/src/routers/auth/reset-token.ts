import { resetTokenCheck, resetTokenCheckInput } from "@crm/contracts";
import { checkResetToken } from "@crm/domain";
import { publicProcedure } from "../../trpc/init";
import { enforceRateLimit, perIp } from "../../trpc/rate-limit";

export const resetToken = publicProcedure
  .meta({
    openapi: {
      method: "GET",
      path: "/auth/reset-token",
      tags: ["auth"],
      summary:
        "Whether a password reset link can still be used, before choosing the new password (nothing about its account)",
    },
  })
  .input(resetTokenCheckInput)
  .output(resetTokenCheck)
  .query(async ({ ctx, input }) => {
    // counted like the other token endpoints, so tokens cannot be tried in bulk
    await enforceRateLimit(ctx, [perIp(ctx, "reset-token")]);
    return checkResetToken(ctx.container.auth, input.token);
  });
