import { DomainError } from "@crm/domain";
import type { Context } from "./context";

export interface RateRule {
  key: string;
  limit: number;
  windowSeconds: number;
}

/** Sign-in, sign-up and reset attempts one address may make per 10 minutes, per endpoint. */
export const perIp = (ctx: Context, action: string): RateRule => ({
  key: `${action}:ip:${ctx.client.ip ?? "unknown"}`,
  limit: ctx.container.env.AUTH_RATE_LIMIT_PER_IP,
  windowSeconds: 600,
});

/** Every rule is counted, so an attacker rotating emails still hits the per-IP limit. */
export async function enforceRateLimit(ctx: Context, rules: RateRule[]): Promise<void> {
  let retryAfterSeconds = 0;
  for (const rule of rules) {
    const result = await ctx.container.rateLimiter.consume(rule.key, rule.limit, rule.windowSeconds);
    if (!result.allowed) retryAfterSeconds = Math.max(retryAfterSeconds, result.retryAfterSeconds);
  }
  if (retryAfterSeconds > 0) {
    throw new DomainError("RATE_LIMITED", `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, {
      retryAfterSeconds,
    });
  }
}
