import { loginInput, signedIn } from "@crm/contracts";
import { login as signIn } from "@crm/domain";
import { publicProcedure } from "../../trpc/init";
import { enforceRateLimit, perIp, type RateRule, refundRateLimit } from "../../trpc/rate-limit";
import { toSignedInDto } from "./dto";

/**
 * What failed logins may cost an email, in two counts over 15 minutes where only failures count. From one client
 * address, 10 lock that email there: an attacker elsewhere cannot lock its owner out by guessing wrong. Over all
 * addresses, a ceiling of 100 stops a guesser spread over many; an address already locked adds nothing to it.
 */
export function loginFailureRules(
  email: string,
  ip: string | undefined,
): { rules: RateRule[]; gated: RateRule[] } {
  const account = email.trim().toLowerCase();
  return {
    rules: [{ key: `login:email-ip:${account}:${ip ?? "unknown"}`, limit: 10, windowSeconds: 900 }],
    gated: [{ key: `login:email:${account}`, limit: 100, windowSeconds: 900 }],
  };
}

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
    const failures = loginFailureRules(input.email, ctx.client.ip);
    // Counted before the password is checked, so parallel guesses cannot all pass before any is counted; a
    // success then gives its own hits back and no one else's. The per-address count keeps every attempt.
    await enforceRateLimit(ctx, [perIp(ctx, "login"), ...failures.rules], failures.gated);
    const result = await signIn(ctx.container.auth, input, ctx.client);
    await refundRateLimit(ctx, [...failures.rules, ...failures.gated], "a successful login");
    ctx.setSessionCookie(result.token, result.expiresAt);
    return toSignedInDto(result);
  });
