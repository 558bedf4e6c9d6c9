import type {
  JobHandler,
  JobPayloads,
  JobProcessorHost,
  ProcessOptions,
  QueueName,
} from "@crm/domain/shared/jobs";
import type { Logger } from "@crm/domain/shared/logger";
import { type Job, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { settlesWithin } from "../settles-within";

export interface BullmqProcessorHostOptions {
  /** Needs `maxRetriesPerRequest: null` (see createRedisConnection); BullMQ duplicates it for blocking reads. */
  connection: Redis;
  logger: Logger;
  /** BullMQ key prefix (default "bull"); must match the queue's. */
  prefix?: string;
  /**
   * How long `close` waits for the workers (their running jobs, then their connections); unset: as long as it takes.
   * A worker cut off from Redis never finishes closing, so a process that must stop in time bounds it: a worker
   * still closing then is disconnected, and its unfinished jobs are retried once found stalled.
   */
  closeTimeoutMs?: number;
}

export function createBullmqProcessorHost(options: BullmqProcessorHostOptions): JobProcessorHost {
  const { logger } = options;
  const workers = new Map<QueueName, Worker>();

  return {
    process<Q extends QueueName>(queue: Q, handler: JobHandler<Q>, processOptions: ProcessOptions = {}) {
      if (workers.has(queue)) throw new Error(`A handler for queue "${queue}" is already registered`);
      const worker = new Worker<JobPayloads[Q]>(
        queue,
        (job: Job<JobPayloads[Q]>) => handler(job.data, { id: job.id ?? "", attempt: job.attemptsMade + 1 }),
        {
          connection: options.connection,
          prefix: options.prefix,
          concurrency: processOptions.concurrency ?? 1,
        },
      );
      worker.on("failed", (job, err) => {
        const attempts = job?.opts.attempts ?? 1;
        const final = !job || job.attemptsMade >= attempts;
        const context = { queue, jobId: job?.id, attempt: job?.attemptsMade, attempts, err };
        if (final) logger.error(context, "job failed permanently");
        else logger.warn(context, "job failed; retrying");
      });
      worker.on("error", (err) => logger.error({ queue, err }, "BullMQ worker error"));
      workers.set(queue, worker);
    },

    /** Stops fetching jobs, waits for the running ones, and closes the workers (not the shared connection). */
    async close() {
      const { closeTimeoutMs } = options;
      await Promise.all(
        [...workers].map(async ([queue, worker]) => {
          const closing = worker.close();
          if (closeTimeoutMs === undefined) return closing;
          if (await settlesWithin(closing, closeTimeoutMs)) return;
          logger.warn(
            { queue, closeTimeoutMs },
            "BullMQ worker did not close in time (Redis unreachable?): dropped",
          );
          worker.disconnect().catch(() => undefined);
        }),
      );
      workers.clear();
    },
  };
}
