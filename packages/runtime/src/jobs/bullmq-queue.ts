import type { EnqueueOptions, JobPayloads, JobQueue, QueueName } from "@crm/domain/shared/jobs";
import type { Logger } from "@crm/domain/shared/logger";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_DELAY_MS } from "./defaults";
import { validateEnqueueOptions } from "./job-id";
import type { JobScheduler, RepeatSchedule } from "./schedule";

export interface BullmqQueueOptions {
  /** Shared with the caller, who closes it after `close()`. */
  connection: Redis;
  /** BullMQ key prefix (default "bull"); the processor host must use the same one. */
  prefix?: string;
  logger?: Logger;
  backoffDelayMs?: number;
}

export interface BullmqJobQueue extends JobQueue, JobScheduler {
  /** Closes the BullMQ queues, not the connection. */
  close(): Promise<void>;
}

const KEEP_COMPLETED = { age: 24 * 3600, count: 1000 };
const KEEP_FAILED = { age: 7 * 24 * 3600, count: 10_000 };

export function createBullmqQueue(options: BullmqQueueOptions): BullmqJobQueue {
  const queues = new Map<QueueName, Queue>();

  function queueFor(name: QueueName): Queue {
    const existing = queues.get(name);
    if (existing) return existing;
    const queue = new Queue(name, {
      connection: options.connection,
      prefix: options.prefix,
      defaultJobOptions: {
        attempts: DEFAULT_ATTEMPTS,
        backoff: { type: "exponential", delay: options.backoffDelayMs ?? DEFAULT_BACKOFF_DELAY_MS },
        removeOnComplete: KEEP_COMPLETED,
        removeOnFail: KEEP_FAILED,
      },
    });
    queue.on("error", (err) => options.logger?.error({ queue: name, err }, "BullMQ queue error"));
    queues.set(name, queue);
    return queue;
  }

  return {
    async enqueue<Q extends QueueName>(
      name: Q,
      payload: JobPayloads[Q],
      enqueueOptions: EnqueueOptions = {},
    ) {
      validateEnqueueOptions(enqueueOptions);
      const { jobId, delayMs, attempts } = enqueueOptions;
      // an explicit `undefined` would override the queue's default job options, so absent ones stay absent
      await queueFor(name).add(name, payload, {
        ...(jobId !== undefined && { jobId }),
        ...(delayMs !== undefined && { delay: delayMs }),
        ...(attempts !== undefined && { attempts }),
      });
    },

    async schedule(name, scheduleName, repeat, payload) {
      await queueFor(name).upsertJobScheduler(scheduleName, toRepeatOptions(repeat), {
        name,
        data: payload,
      });
    },

    async close() {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      queues.clear();
    },
  };
}

function toRepeatOptions(repeat: RepeatSchedule): { pattern: string; tz?: string } | { every: number } {
  return "everyMs" in repeat ? { every: repeat.everyMs } : repeat;
}
