import { DomainError } from "@crm/domain";
import type { Context } from "./context";

export interface RateRule {
  key: string;
  limit: number;
  windowSeconds: number;
  /** What the 429 says is over its limit, when it is this rule; default "Too many attempts". */
  refusal?: string;
}

/** Sign-in, sign-up and reset attempts one address may make per 10 minutes, per endpoint. */
export const perIp = (ctx: Context, action: string): RateRule => ({
  key: `${action}:ip:${ctx.client.ip ?? "unknown"}`,
  limit: ctx.container.env.AUTH_RATE_LIMIT_PER_IP,
  windowSeconds: 600,
});

/**
 * Every rule is counted, so an attacker rotating emails still hits the per-IP limit. `gated` rules are counted
 * only when every rule before them allowed the attempt: an attempt already refused must not use up a wider
 * count (an address locked out of one account does not spend that account's ceiling).
 */
export async function enforceRateLimit(
  ctx: Context,
  rules: RateRule[],
  gated: RateRule[] = [],
): Promise<void> {
  let retryAfterSeconds = 0;
  let refusal: string | undefined;
  const count = async (rule: RateRule) => {
    const result = await ctx.container.rateLimiter.consume(rule.key, rule.limit, rule.windowSeconds);
    if (result.allowed || result.retryAfterSeconds <= retryAfterSeconds) return;
    retryAfterSeconds = result.retryAfterSeconds;
    refusal = rule.refusal;
  };
  for (const rule of rules) await count(rule);
  for (const rule of gated) {
    if (retryAfterSeconds > 0) break;
    await count(rule);
  }
  if (retryAfterSeconds > 0) {
    throw new DomainError(
      "RATE_LIMITED",
      `${refusal ?? "Too many attempts"}. Try again in ${retryAfterSeconds} seconds.`,
      { retryAfterSeconds },
    );
  }
}

/** Gives back the hits of an attempt that must not count (a successful login, an invitation not sent). */
export async function refundRateLimit(ctx: Context, rules: RateRule[], what: string): Promise<void> {
  for (const rule of rules) {
    await ctx.container.rateLimiter.refund(rule.key).catch((err: unknown) => {
      // the work is done: a lost refund costs the caller one attempt, failing here would cost them the work
      ctx.container.logger.warn({ err }, `could not refund ${what}'s rate-limit hit`);
    });
  }
}
