import { registerInput, signedIn } from "@crm/contracts";
import { register as registerAccount } from "@crm/domain";
import { publicProcedure } from "../../trpc/init";
import { enforceRateLimit, perIp } from "../../trpc/rate-limit";
import { toSignedInDto } from "./dto";

export const register = publicProcedure
  .meta({
    openapi: {
      method: "POST",
      path: "/auth/register",
      tags: ["auth"],
      summary: "Create an organization and its owner, and sign in",
    },
  })
  .input(registerInput)
  .output(signedIn)
  .mutation(async ({ ctx, input }) => {
    await enforceRateLimit(ctx, [perIp(ctx, "register")]);
    const result = await registerAccount(ctx.container.auth, input, ctx.client);
    ctx.setSessionCookie(result.token, result.expiresAt);
    return toSignedInDto(result);
  });
