import { Redis, type RedisOptions } from "ioredis";
import { heartbeatOptions, type RedisHeartbeat, startHeartbeat } from "./heartbeat";

/**
 * An ioredis client for the commands a request waits on (rate limits, enqueues, the readiness check). A request
 * must be answered while Redis is cut off, so, unlike `createRedisConnection`:
 * - a command unanswered in `heartbeat.timeoutMs` is rejected (`commandTimeout`), and the silent socket is torn down
 *   and made again (`socketTimeout`): a connection that went silent for good (a partition, a NAT that forgot the
 *   flow) would otherwise time every command out forever, even once a new connection would get through;
 * - while it is being made again, a command fails at once rather than waiting in the offline queue;
 * - the heartbeat PINGs it while idle, so that a cut is found before a request runs into it.
 * Not for BullMQ workers: their blocking reads are silent on purpose, and the duplicates they make of a connection
 * would inherit these timeouts. Queues are fine (BullMQ asks `maxRetriesPerRequest: null` of blocking ones only).
 * Close it with `closeRedisClient`; the heartbeat stops when it ends.
 */
export function createRedisRequestConnection(
  url: string,
  heartbeat: RedisHeartbeat,
  options: RedisOptions = {},
): Redis {
  const client = new Redis(url, {
    ...options,
    ...heartbeatOptions(heartbeat),
    commandTimeout: heartbeat.timeoutMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  client.once("end", startHeartbeat(client, heartbeat));
  return client;
}
