import { forgotPasswordInput, okOutput } from "@crm/contracts";
import { assertPasswordResetCanBeSent, requestPasswordReset } from "@crm/domain";
import { publicProcedure } from "../../trpc/init";
import { enforceRateLimit, perIp } from "../../trpc/rate-limit";

export const forgotPassword = publicProcedure
  .meta({
    openapi: {
      method: "POST",
      path: "/auth/forgot-password",
      tags: ["auth"],
      summary:
        "Email a password reset link (answers ok whether or not the account exists; 503 while email cannot be sent)",
    },
  })
  .input(forgotPasswordInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    // before the rate limit (a refused attempt sends nothing, so it should not count) and the account's look-up
    assertPasswordResetCanBeSent(ctx.container.auth);
    await enforceRateLimit(ctx, [
      perIp(ctx, "forgot"),
      { key: `forgot:email:${input.email.trim().toLowerCase()}`, limit: 3, windowSeconds: 3600 },
    ]);
    // answered before the account is looked up: how long the answer takes must not tell whether it exists
    requestPasswordReset(ctx.container.auth, input).catch((err: unknown) => {
      ctx.container.logger.error({ err }, "could not send a password reset");
    });
    return { ok: true as const };
  });
