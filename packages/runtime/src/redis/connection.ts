import { Redis, type RedisOptions } from "ioredis";

/**
 * An ioredis client fit for BullMQ: workers block on Redis, so commands must wait for a reconnect instead of
 * failing after a retry count (`maxRetriesPerRequest: null`). The caller owns it and calls `quit()`.
 */
export function createRedisConnection(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, ...options });
}
