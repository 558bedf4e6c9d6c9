import type { JobQueue, Logger } from "@crm/domain";

/**
 * A webhook is answered within milliseconds: when Redis is down, ioredis would hold an enqueue until it
 * reconnects. After `timeoutMs` this gives up waiting (the row is stored; the sweeper queues it later).
 */
export function boundedQueue(queue: JobQueue, timeoutMs: number, logger: Logger): JobQueue {
  return {
    enqueue(name, payload, options) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`enqueue took more than ${timeoutMs} ms`)), timeoutMs);
      });
      const enqueued = queue.enqueue(name, payload, options);
      enqueued.catch((err: unknown) => logger.debug({ err, queue: name }, "late enqueue failed"));
      return Promise.race([enqueued, timeout]).finally(() => clearTimeout(timer));
    },
  };
}
