import { loginInput, signedIn } from "@crm/contracts";
import { login as signIn } from "@crm/domain";
import { publicProcedure } from "../../trpc/init";
import { enforceRateLimit, perIp } from "../../trpc/rate-limit";
import { toSignedInDto } from "./dto";

export const login = publicProcedure
  .meta({
    openapi: {
      method: "POST",
      path: "/auth/login",
      tags: ["auth"],
      summary: "Sign in with email and password",
    },
  })
  .input(loginInput)
  .output(signedIn)
  .mutation(async ({ ctx, input }) => {
    await enforceRateLimit(ctx, [
      perIp(ctx, "login"),
      { key: `login:email:${input.email.trim().toLowerCase()}`, limit: 10, windowSeconds: 900 },
    ]);
    const result = await signIn(ctx.container.auth, input, ctx.client);
    ctx.setSessionCookie(result.token, result.expiresAt);
    return toSignedInDto(result);
  });
