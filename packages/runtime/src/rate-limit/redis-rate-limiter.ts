import type { RateLimiter } from "@crm/domain/shared/rate-limit";
import type { Redis } from "ioredis";
import { assertValidWindow, toResult } from "./window";

export interface RedisRateLimiterOptions {
  /** Prepended to every key; default "ratelimit:". */
  prefix?: string;
}

// INCR and EXPIRE NX in one atomic step: the window starts with the first hit and a crash between the two
// commands cannot leave a counter without expiry.
const CONSUME_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[1], 'NX')
return { count, redis.call('PTTL', KEYS[1]) }
`;

// DECR keeps the key's expiry; a key that already expired is left alone, since DECR would recreate it at -1
// with no expiry at all.
const REFUND_SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]))
if count and count > 0 then redis.call('DECR', KEYS[1]) end
return 0
`;

/** Fixed-window limiter shared by every replica. Requires Redis 7 (EXPIRE NX). */
export function createRedisRateLimiter(redis: Redis, options: RedisRateLimiterOptions = {}): RateLimiter {
  const prefix = options.prefix ?? "ratelimit:";

  return {
    async consume(key, limit, windowSeconds) {
      assertValidWindow(limit, windowSeconds);
      const reply: unknown = await redis.eval(CONSUME_SCRIPT, 1, `${prefix}${key}`, windowSeconds);
      if (!Array.isArray(reply) || typeof reply[0] !== "number" || typeof reply[1] !== "number") {
        throw new Error(`Unexpected reply from the rate limit script: ${JSON.stringify(reply)}`);
      }
      return toResult(reply[0], limit, reply[1]);
    },

    async refund(key) {
      await redis.eval(REFUND_SCRIPT, 1, `${prefix}${key}`);
    },
  };
}
