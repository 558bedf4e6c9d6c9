import { Redis, type RedisOptions } from "ioredis";
import { settlesWithin } from "../settles-within";

/**
 * An ioredis client fit for BullMQ: workers block on Redis, so commands must wait for a reconnect instead of
 * failing after a retry count (`maxRetriesPerRequest: null`). The caller owns it and closes it (`closeRedisClient`).
 */
export function createRedisConnection(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, ...options });
}

/** How long closing waits for Redis to acknowledge QUIT before dropping the connection. */
export const quitWaitMs = 2_000;

/**
 * Closes a client gracefully (QUIT, after the replies pending) when Redis answers, and drops it otherwise. QUIT
 * alone waits for Redis: forever on a connection that went silent, and behind the commands queued offline while
 * Redis cannot be reached (forever with `maxRetriesPerRequest: null`), so a shutdown would hang on it.
 */
export async function closeRedisClient(client: Redis, waitMs = quitWaitMs): Promise<void> {
  if (client.status === "end") return;
  // cut off and waiting to reconnect: QUIT could only wait for Redis to come back
  if (client.status === "reconnecting") {
    client.disconnect();
    return;
  }
  if (!(await settlesWithin(client.quit(), waitMs))) client.disconnect();
}
