import { loginInput, signedIn } from "@crm/contracts";
import { login as signIn } from "@crm/domain";
import { publicProcedure } from "../../trpc/init";
import { enforceRateLimit, perIp, type RateRule } from "../../trpc/rate-limit";
import { toSignedInDto } from "./dto";

/** Failed logins one email may take per 15 minutes before it is locked: only failures count. */
export const perEmail = (email: string): RateRule => ({
  key: `login:email:${email.trim().toLowerCase()}`,
  limit: 10,
  windowSeconds: 900,
});

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
    const emailRule = perEmail(input.email);
    // Counted before the password is checked, so parallel guesses cannot all pass before any is counted; a
    // success then gives its own hit back and no one else's. The per-address count keeps every attempt.
    await enforceRateLimit(ctx, [perIp(ctx, "login"), emailRule]);
    const result = await signIn(ctx.container.auth, input, ctx.client);
    await ctx.container.rateLimiter.refund(emailRule.key).catch((err: unknown) => {
      // the session exists already: a lost refund costs the user one attempt, failing here would cost the login
      ctx.container.logger.warn({ err }, "could not refund a successful login's rate-limit hit");
    });
    ctx.setSessionCookie(result.token, result.expiresAt);
    return toSignedInDto(result);
  });
