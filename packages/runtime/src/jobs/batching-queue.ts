import type { EnqueueOptions, JobPayloads, JobQueue, QueueName } from "@crm/domain/shared/jobs";
import { validateEnqueueOptions } from "./job-id";

export interface BulkJob<Q extends QueueName = QueueName> {
  payload: JobPayloads[Q];
  options?: EnqueueOptions;
}

export interface BulkJobQueue extends JobQueue {
  /** Adds jobs of one queue in one round trip; resolves once all of them are stored, or rejects for all. */
  enqueueBulk<Q extends QueueName>(queue: Q, jobs: Array<BulkJob<Q>>): Promise<void>;
}

export interface BatchingQueueOptions {
  /** The longest a job waits for others before its batch is sent (default 2 ms). */
  windowMs?: number;
  /** A batch this large is sent at once (default 200). */
  maxBatch?: number;
}

export interface BatchingQueue extends JobQueue {
  /** Sends what is waiting and waits until every batch sent so far is answered. */
  flush(): Promise<void>;
}

interface Waiter {
  queue: QueueName;
  job: BulkJob;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Enqueues made within `windowMs` of each other go to the queue in one `enqueueBulk` per queue name, so
 * under concurrency a job costs a share of one round trip instead of one of its own. Each caller's promise
 * still settles only when its own job is stored (or with the batch's error), so "queued before answering"
 * holds. `replaceFinished` enqueues, which read the job's state first, are not batched.
 */
export function createBatchingQueue(inner: BulkJobQueue, options: BatchingQueueOptions = {}): BatchingQueue {
  const windowMs = options.windowMs ?? 2;
  const maxBatch = options.maxBatch ?? 200;
  let waiting: Waiter[] = [];
  let timer: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<void>>();

  function bulk(queue: QueueName, group: Waiter[]): Promise<void> {
    try {
      return inner.enqueueBulk(
        queue,
        group.map((waiter) => waiter.job),
      );
    } catch (error) {
      return Promise.reject(error);
    }
  }

  function send(): void {
    clearTimeout(timer);
    timer = undefined;
    const batch = waiting;
    waiting = [];
    const byQueue = new Map<QueueName, Waiter[]>();
    for (const waiter of batch) {
      const group = byQueue.get(waiter.queue);
      if (group) group.push(waiter);
      else byQueue.set(waiter.queue, [waiter]);
    }
    for (const [queue, group] of byQueue) {
      const sent = bulk(queue, group)
        .then(
          () => {
            for (const waiter of group) waiter.resolve();
          },
          (error: unknown) => {
            for (const waiter of group) waiter.reject(error);
          },
        )
        .finally(() => inFlight.delete(sent));
      inFlight.add(sent);
    }
  }

  return {
    enqueue<Q extends QueueName>(queue: Q, payload: JobPayloads[Q], enqueueOptions: EnqueueOptions = {}) {
      try {
        // an invalid job fails its own caller, not the batch it would have joined
        validateEnqueueOptions(enqueueOptions);
      } catch (error) {
        return Promise.reject(error);
      }
      if (enqueueOptions.replaceFinished) return inner.enqueue(queue, payload, enqueueOptions);
      return new Promise<void>((resolve, reject) => {
        waiting.push({ queue, job: { payload, options: enqueueOptions }, resolve, reject });
        if (waiting.length >= maxBatch) send();
        else timer ??= setTimeout(send, windowMs);
      });
    },

    async flush() {
      if (waiting.length > 0) send();
      await Promise.all([...inFlight]);
    },
  };
}
