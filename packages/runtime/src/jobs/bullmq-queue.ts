import type { EnqueueOptions, JobPayloads, QueueName } from "@crm/domain/shared/jobs";
import type { Logger } from "@crm/domain/shared/logger";
import { type JobsOptions, Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { BulkJob, BulkJobQueue } from "./batching-queue";
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

export interface BullmqJobQueue extends BulkJobQueue, JobScheduler {
  /** False while an enqueue would fail at once: its fail-fast connection is not connected (Redis cut off). */
  reachable(): boolean;
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

  /**
   * A connection made to fail fast while Redis is away (`createRedisRequestConnection`) must fail here too: BullMQ
   * waits for it to be ready before a queue's first command, however long that takes. Schedules still wait.
   */
  function reachable(): boolean {
    const { connection } = options;
    return connection.options.enableOfflineQueue !== false || connection.status === "ready";
  }

  function assertReachable(): void {
    if (!reachable()) {
      throw new Error(`Redis is not reachable (connection ${options.connection.status}): job not queued`);
    }
  }

  return {
    reachable,

    async enqueue<Q extends QueueName>(
      name: Q,
      payload: JobPayloads[Q],
      enqueueOptions: EnqueueOptions = {},
    ) {
      validateEnqueueOptions(enqueueOptions);
      assertReachable();
      const { jobId } = enqueueOptions;
      const queue = queueFor(name);
      if (jobId !== undefined && enqueueOptions.replaceFinished) await removeIfFinished(queue, jobId);
      await queue.add(name, payload, toJobOptions(enqueueOptions));
    },

    async enqueueBulk<Q extends QueueName>(name: Q, jobs: Array<BulkJob<Q>>) {
      for (const job of jobs) validateEnqueueOptions(job.options ?? {});
      assertReachable();
      const queue = queueFor(name);
      await Promise.all(
        jobs.map(({ options }) =>
          options?.jobId !== undefined && options.replaceFinished
            ? removeIfFinished(queue, options.jobId)
            : undefined,
        ),
      );
      // one pipeline: every add is written in one go and the answers come back together. Not atomic: an
      // error rejects the whole call although the other jobs may be in (a re-add with the same id is a no-op)
      await queue.addBulk(
        jobs.map(({ payload, options = {} }) => ({ name, data: payload, opts: toJobOptions(options) })),
      );
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

/** An explicit `undefined` would override the queue's default job options, so absent ones stay absent. */
function toJobOptions({ jobId, delayMs, attempts }: EnqueueOptions): JobsOptions {
  return {
    ...(jobId !== undefined && { jobId }),
    ...(delayMs !== undefined && { delay: delayMs }),
    ...(attempts !== undefined && { attempts }),
  };
}

/** A kept completed or failed job would make an add with its id a no-op. */
async function removeIfFinished(queue: Queue, jobId: string): Promise<void> {
  const state = await queue.getJobState(jobId);
  if (state === "completed" || state === "failed") await queue.remove(jobId);
}

function toRepeatOptions(repeat: RepeatSchedule): { pattern: string; tz?: string } | { every: number } {
  return "everyMs" in repeat ? { every: repeat.everyMs } : repeat;
}
