import { once } from "node:events";
import type { CredentialCache, JobProcessorHost, JobQueue, RateLimiter } from "@crm/domain";
import type { RealtimeBus } from "@crm/domain/realtime/ports";
import {
  closeRedisClient,
  createBatchingQueue,
  createBullmqProcessorHost,
  createBullmqQueue,
  createFallbackRateLimiter,
  createInProcessQueue,
  createLocalCredentialCache,
  createMemoryRateLimiter,
  createRedisConnection,
  createRedisEventBus,
  createRedisRateLimiter,
  createRedisRequestConnection,
  createSharedCredentialCache,
  type JobScheduler,
  quitWaitMs,
  settlesWithin,
} from "@crm/runtime";
import { createInProcessRealtime } from "@crm/runtime/realtime/in-process-realtime";
import { createRedisRealtime } from "@crm/runtime/realtime/redis-realtime";
import type { Redis } from "ioredis";
import type { Env } from "./env";
import type { AppLogger } from "./logger";

/*
 * The API's Redis connections, how each behaves while Redis cannot be reached, and how each closes; without
 * REDIS_URL, the in-process stand-ins. The composition root (`container.ts`) calls these where it needs them.
 */

/**
 * What requests wait on (enqueues, rate limits, /ready): bounded, and never left waiting in an offline queue.
 * Undefined without REDIS_URL. The container drops it last when it closes, after all that uses it.
 */
export async function connectRequestRedis(env: Env, logger: AppLogger): Promise<Redis | undefined> {
  if (!env.REDIS_URL) return undefined;
  const redis = createRedisRequestConnection(env.REDIS_URL, env.redisHeartbeat, {
    connectionName: "crm-api",
  });
  redis.on("error", (err) => logger.warn({ err }, "Redis connection error"));
  // the first requests must not find it still connecting (it queues nothing); Redis may be down: bounded
  await settlesWithin(once(redis, "ready"), env.redisHeartbeat.timeoutMs);
  return redis;
}

export interface JobQueueWiring {
  queue: JobQueue;
  /** False while an enqueue would fail at once (Redis cut off); the in-process queue is always there. */
  queueReachable(): boolean;
  /** Where jobs are processed in this process: with the embedded worker, or in-process without Redis. */
  processorHost: JobProcessorHost | undefined;
  /** Repeatable jobs are registered only where jobs are processed (the worker, or here when embedded). */
  scheduler: JobScheduler | undefined;
  /** Closes the queue, then the processors' own connection: after the processor host closed. */
  close(): Promise<void>;
}

/** BullMQ on Redis (its processors here only with the embedded worker), or an in-process queue without Redis. */
export function wireJobQueue(
  env: Env,
  logger: AppLogger,
  redis: Redis | undefined,
  redisPrefix: string | undefined,
): JobQueueWiring {
  if (!redis || !env.REDIS_URL) {
    const inProcess = createInProcessQueue({ logger });
    return {
      queue: inProcess,
      queueReachable: () => true,
      processorHost: inProcess,
      scheduler: inProcess,
      close: async () => {},
    };
  }
  const prefix = redisPrefix ? `${redisPrefix}bull` : undefined;
  const bullQueue = createBullmqQueue({ connection: redis, logger, prefix });
  // concurrent enqueues (a burst of webhooks) share one round trip to Redis
  const batching = createBatchingQueue(bullQueue);
  const closeQueue = async () => {
    // enqueues waiting for a Redis that cannot be reached (they wait for it forever) are given up
    if (!(await settlesWithin(batching.flush(), quitWaitMs)))
      logger.warn("jobs not enqueued: Redis unreachable");
    await bullQueue.close();
  };
  if (!env.embeddedWorker) {
    return {
      queue: batching,
      queueReachable: bullQueue.reachable,
      processorHost: undefined,
      scheduler: undefined,
      close: closeQueue,
    };
  }
  // their blocking reads are silent on purpose: a connection of their own, without the request one's timeouts
  const jobs = createRedisConnection(env.REDIS_URL, { connectionName: "crm-api-jobs" });
  jobs.on("error", (err) => logger.warn({ err }, "Redis connection error"));
  // a worker cut off from Redis never finishes closing; main.ts exits anyway 15 s after SIGTERM, and the
  // Redis connections closed after the workers wait for Redis 2 s at most each (closeRedisClient)
  const processorHost = createBullmqProcessorHost({
    connection: jobs,
    logger,
    prefix,
    closeTimeoutMs: 5_000,
  });
  return {
    queue: batching,
    queueReachable: bullQueue.reachable,
    processorHost,
    scheduler: bullQueue,
    async close() {
      await closeQueue();
      await closeRedisClient(jobs);
    },
  };
}

/**
 * The app's events: every publish also appends the event to the realtime log (replay after reconnect), exactly
 * once; over Redis, every replica hears it. Closed after the realtime services that read its feed.
 */
export function createRealtimeBus(env: Env, logger: AppLogger, redisPrefix: string): RealtimeBus {
  if (!env.REDIS_URL) return createInProcessRealtime({ logger });
  return createRedisRealtime({
    url: env.REDIS_URL,
    logger,
    prefix: redisPrefix,
    channelPrefix: env.REDIS_CHANNEL_PREFIX,
    heartbeat: env.redisHeartbeat,
  });
}

/** Counted in Redis, by every replica together; by this process alone while Redis cannot be reached. */
export function createRateLimiter(
  redis: Redis | undefined,
  redisPrefix: string,
  logger: AppLogger,
): RateLimiter {
  if (!redis) return createMemoryRateLimiter();
  return createFallbackRateLimiter(
    createRedisRateLimiter(redis, { prefix: `${redisPrefix}ratelimit:` }),
    createMemoryRateLimiter(),
    logger,
  );
}

/**
 * Sessions and API keys recalled for a few seconds; with Redis, revocations are heard by every replica over a
 * connection of its own, closed by `close`.
 */
export function createCredentialCache(
  env: Env,
  logger: AppLogger,
  redisPrefix: string,
): { credentials: CredentialCache; close(): Promise<void> } {
  const ttlMs = env.CREDENTIAL_CACHE_TTL_MS;
  if (!env.REDIS_URL) return { credentials: createLocalCredentialCache({ ttlMs }), close: async () => {} };
  const revocations = createRedisEventBus({
    url: env.REDIS_URL,
    channel: `${redisPrefix}crm:auth:revocations`,
    channelPrefix: env.REDIS_CHANNEL_PREFIX,
    logger,
    heartbeat: env.redisHeartbeat,
  });
  const shared = createSharedCredentialCache({ revocations, logger, ttlMs });
  return {
    credentials: shared,
    async close() {
      shared.close();
      await revocations.close();
    },
  };
}
