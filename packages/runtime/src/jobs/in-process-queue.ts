import { randomUUID } from "node:crypto";
import type {
  EnqueueOptions,
  JobHandler,
  JobPayloads,
  JobProcessorHost,
  JobQueue,
  QueueName,
} from "@crm/domain/shared/jobs";
import type { Logger } from "@crm/domain/shared/logger";
import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_DELAY_MS, exponentialBackoffMs } from "./defaults";
import { createTimerScheduler } from "./in-process-scheduler";
import { validateEnqueueOptions } from "./job-id";
import type { JobScheduler } from "./schedule";

export interface InProcessQueueOptions {
  logger?: Logger;
  /** Delay before the first retry; it doubles on each further retry. */
  backoffDelayMs?: number;
}

/** Queue and processor host in one object, for embedded mode: jobs live in memory and die with the process. */
export interface InProcessQueue extends JobQueue, JobProcessorHost, JobScheduler {
  /** Resolves when no job is delayed, waiting for a retry, running, or waiting for a registered handler. */
  whenIdle(): Promise<void>;
}

interface QueuedJob<Q extends QueueName> {
  id: string;
  payload: JobPayloads[Q];
  attempt: number;
  attempts: number;
}

interface QueueState<Q extends QueueName> {
  name: Q;
  handler?: JobHandler<Q>;
  concurrency: number;
  waiting: QueuedJob<Q>[];
  running: number;
  /** ids of jobs not finished yet (delayed, waiting, running or waiting for a retry): the dedupe set */
  pendingIds: Set<string>;
}

type QueueStates = { [Q in QueueName]?: QueueState<Q> };

export function createInProcessQueue(options: InProcessQueueOptions = {}): InProcessQueue {
  const logger = options.logger;
  const backoffDelayMs = options.backoffDelayMs ?? DEFAULT_BACKOFF_DELAY_MS;
  const states: QueueStates = {};
  /** cancel functions of everything scheduled on a timer: delayed jobs, retries, pumps */
  const scheduled = new Set<() => void>();
  const running = new Set<Promise<void>>();
  let idleWaiters: Array<() => void> = [];
  let closed = false;

  function stateOf<Q extends QueueName>(name: Q): QueueState<Q> {
    const existing: QueueStates[Q] = states[name];
    if (existing) return existing;
    const created: QueueState<Q> = { name, concurrency: 1, waiting: [], running: 0, pendingIds: new Set() };
    // TypeScript cannot relate a mapped type to its generic key on assignment
    states[name] = created as QueueStates[Q];
    return created;
  }

  function later(run: () => void, delayMs: number): void {
    const fire = () => {
      scheduled.delete(cancel);
      run();
    };
    let cancel: () => void;
    if (delayMs > 0) {
      const timer = setTimeout(fire, delayMs);
      cancel = () => clearTimeout(timer);
    } else {
      const immediate = setImmediate(fire);
      cancel = () => clearImmediate(immediate);
    }
    scheduled.add(cancel);
  }

  function release<Q extends QueueName>(state: QueueState<Q>, job: QueuedJob<Q>): void {
    state.waiting.push(job);
    pump(state);
  }

  function pump<Q extends QueueName>(state: QueueState<Q>): void {
    const handler = state.handler;
    while (!closed && handler && state.running < state.concurrency) {
      const job = state.waiting.shift();
      if (!job) break;
      start(state, handler, job);
    }
    settleIdle();
  }

  function start<Q extends QueueName>(state: QueueState<Q>, handler: JobHandler<Q>, job: QueuedJob<Q>): void {
    state.running += 1;
    const run = runJob(state, handler, job).finally(() => {
      state.running -= 1;
      running.delete(run);
      pump(state);
    });
    running.add(run);
  }

  async function runJob<Q extends QueueName>(
    state: QueueState<Q>,
    handler: JobHandler<Q>,
    job: QueuedJob<Q>,
  ): Promise<void> {
    const context = { queue: state.name, jobId: job.id, attempt: job.attempt, attempts: job.attempts };
    try {
      await handler(job.payload, { id: job.id, attempt: job.attempt });
      state.pendingIds.delete(job.id);
    } catch (error) {
      if (!closed && job.attempt < job.attempts) {
        const delayMs = exponentialBackoffMs(job.attempt, backoffDelayMs);
        logger?.warn({ ...context, err: error, retryInMs: delayMs }, "job failed; retrying");
        later(() => release(state, { ...job, attempt: job.attempt + 1 }), delayMs);
        return;
      }
      if (closed)
        logger?.warn({ ...context, err: error }, "job failed while the queue was closing; not retried");
      else logger?.error({ ...context, err: error }, "job failed permanently");
      state.pendingIds.delete(job.id);
    }
  }

  function isIdle(): boolean {
    if (running.size > 0) return false;
    if (closed) return true;
    if (scheduled.size > 0) return false;
    return Object.values(states).every((state) => !state.handler || state.waiting.length === 0);
  }

  function settleIdle(): void {
    if (idleWaiters.length === 0 || !isIdle()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  const queue: InProcessQueue = {
    async enqueue<Q extends QueueName>(
      name: Q,
      payload: JobPayloads[Q],
      enqueueOptions: EnqueueOptions = {},
    ) {
      if (closed) throw new Error("The job queue is closed");
      validateEnqueueOptions(enqueueOptions);
      const state = stateOf(name);
      const { jobId, delayMs = 0 } = enqueueOptions;
      if (jobId !== undefined && state.pendingIds.has(jobId)) {
        logger?.debug({ queue: name, jobId }, "job already queued; skipped");
        return;
      }
      const job: QueuedJob<Q> = {
        id: jobId ?? randomUUID(),
        payload,
        attempt: 1,
        attempts: enqueueOptions.attempts ?? DEFAULT_ATTEMPTS,
      };
      state.pendingIds.add(job.id);
      // a job never starts inside the stack of the code that enqueued it
      later(() => release(state, job), delayMs);
    },

    process(name, handler, processOptions = {}) {
      if (closed) throw new Error("The job queue is closed");
      const concurrency = processOptions.concurrency ?? 1;
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        throw new Error(`Invalid concurrency ${concurrency} for queue "${name}": it must be an integer >= 1`);
      }
      const state = stateOf(name);
      if (state.handler) throw new Error(`A handler for queue "${name}" is already registered`);
      state.handler = handler;
      state.concurrency = concurrency;
      later(() => pump(state), 0);
    },

    schedule: (name, scheduleName, repeat, payload) =>
      scheduler.schedule(name, scheduleName, repeat, payload),

    whenIdle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      });
    },

    async close() {
      closed = true;
      scheduler.close();
      for (const cancel of scheduled) cancel();
      scheduled.clear();
      await Promise.allSettled([...running]);
      for (const state of Object.values(states)) {
        // in-memory jobs die here; durable state in Postgres lets a sweeper enqueue them again
        if (state.pendingIds.size > 0) {
          logger?.warn(
            { queue: state.name, dropped: state.pendingIds.size },
            "queue closed with unfinished jobs",
          );
        }
      }
      settleIdle();
    },
  };
  const scheduler = createTimerScheduler(queue);
  return queue;
}
