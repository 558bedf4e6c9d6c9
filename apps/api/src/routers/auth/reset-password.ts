import { okOutput, resetPasswordInput } from "@crm/contracts";
import { resetPassword as reset } from "@crm/domain";
import { publicProcedure } from "../../trpc/init";
import { enforceRateLimit, perIp } from "../../trpc/rate-limit";

export const resetPassword = publicProcedure
  .meta({
    openapi: {
      method: "POST",
      path: "/auth/reset-password",
      tags: ["auth"],
      summary: "Set a new password with the token from the reset link; signs out every session",
    },
  })
  .input(resetPasswordInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await enforceRateLimit(ctx, [perIp(ctx, "reset")]);
    await reset(ctx.container.auth, input);
    return { ok: true as const };
  });
