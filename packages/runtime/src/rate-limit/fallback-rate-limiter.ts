import type { Logger } from "@crm/domain/shared/logger";
import type { RateLimiter } from "@crm/domain/shared/rate-limit";

/**
 * Counts with `shared` (every replica's count, in Redis) and, when it cannot answer (Redis cut off), with `local`
 * (this process's count): an attempt is still limited, per replica, and still answered rather than failed.
 */
export function createFallbackRateLimiter(
  shared: RateLimiter,
  local: RateLimiter,
  logger: Logger,
): RateLimiter {
  return {
    async consume(key, limit, windowSeconds) {
      try {
        return await shared.consume(key, limit, windowSeconds);
      } catch (err) {
        logger.warn({ err }, "rate limit counted by this process alone: Redis did not answer");
        return local.consume(key, limit, windowSeconds);
      }
    },

    async refund(key) {
      // only one of the two counted the hit; giving back on both costs nothing (a count never goes below zero)
      await local.refund(key);
      await shared.refund(key);
    },
  };
}
