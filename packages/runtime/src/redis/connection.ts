import { Redis, type RedisOptions } from "ioredis";

/**
 * An ioredis client fit for BullMQ: workers block on Redis, so commands must wait for a reconnect instead of
 * failing after a retry count (`maxRetriesPerRequest: null`). The caller owns it and closes it (`closeRedisClient`).
 */
export function createRedisConnection(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, ...options });
}

/** How long closing waits for Redis to acknowledge QUIT before dropping the connection. */
export const quitWaitMs = 2_000;

/** Whether `promise` settled within `ms`; it is not waited for any longer. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
    timer.unref();
  });
  const settled = promise.then(
    () => true as const,
    () => true as const,
  );
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

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
