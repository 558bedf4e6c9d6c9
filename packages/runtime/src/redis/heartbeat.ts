import type { Redis, RedisOptions } from "ioredis";

/**
 * A connection that only listens (pub/sub) sends nothing, so one that died silently (a partition, a proxy that
 * stopped forwarding: no RST) would be noticed only when TCP gives up, minutes later. The heartbeat PINGs it
 * (allowed in subscribe mode) and takes it for dead when no answer comes in time.
 */
export interface RedisHeartbeat {
  /** How often the connection is probed (REDIS_HEARTBEAT_INTERVAL_MS). */
  intervalMs: number;
  /** How long a probe may go unanswered before the connection is torn down and made again (REDIS_HEARTBEAT_TIMEOUT_MS). */
  timeoutMs: number;
}

export const defaultRedisHeartbeat: RedisHeartbeat = { intervalMs: 5_000, timeoutMs: 5_000 };

/**
 * ioredis options for a connection the heartbeat watches: `socketTimeout` destroys the socket when a command sent
 * on it (the PING) gets no byte back in `timeoutMs`, and ioredis then reconnects and subscribes again as after any
 * drop (`close`, then `ready`). Nothing is sent on such a connection but pub/sub commands and the PING.
 */
export function heartbeatOptions(heartbeat: RedisHeartbeat): Pick<RedisOptions, "socketTimeout"> {
  return { socketTimeout: heartbeat.timeoutMs };
}

/** PINGs `connection` every `intervalMs` while it is ready (created with `heartbeatOptions`); returns the stop. */
export function startHeartbeat(connection: Redis, heartbeat: RedisHeartbeat): () => void {
  const timer = setInterval(() => {
    // not while reconnecting: it would wait in the offline queue, and the reconnect is under way anyway
    if (connection.status !== "ready") return;
    // an unanswered PING is handled by socketTimeout; its rejection (the socket destroyed) says nothing more
    connection.ping().catch(() => undefined);
  }, heartbeat.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
