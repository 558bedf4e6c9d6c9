import type { JobPayloads, JobQueue, QueueName } from "@crm/domain/shared/jobs";
import { CronExpressionParser } from "cron-parser";
import { assertValidJobId } from "./job-id";
import type { JobScheduler, RepeatSchedule } from "./schedule";

export interface TimerScheduler extends JobScheduler {
  /** Cancels every schedule. */
  close(): void;
}

/**
 * Repeatable jobs for embedded mode, driven by timers: `everyMs` enqueues at once and then on every interval
 * (as a BullMQ `every` scheduler does); a cron `pattern` enqueues at each next occurrence.
 */
export function createTimerScheduler(queue: JobQueue): TimerScheduler {
  const cancels = new Map<string, () => void>();

  function fire<Q extends QueueName>(queueName: Q, jobId: string, payload: JobPayloads[Q]): void {
    // the jobId skips a run while the previous one is still queued or running
    queue.enqueue(queueName, payload, { jobId }).catch(() => {
      // the queue was closed between two runs; nothing left to schedule
    });
  }

  return {
    async schedule(queueName, name, repeat, payload) {
      const jobId = `scheduled-${name}`;
      assertValidJobId(jobId);
      const key = `${queueName}/${name}`;
      cancels.get(key)?.();
      cancels.set(
        key,
        startTimer(repeat, () => fire(queueName, jobId, payload)),
      );
    },
    close() {
      for (const cancel of cancels.values()) cancel();
      cancels.clear();
    },
  };
}

function startTimer(repeat: RepeatSchedule, run: () => void): () => void {
  if ("everyMs" in repeat) {
    if (!(repeat.everyMs > 0 && repeat.everyMs <= MAX_TIMEOUT_MS)) {
      throw new Error(`Invalid everyMs ${repeat.everyMs}: it must be > 0 and at most ${MAX_TIMEOUT_MS}`);
    }
    const first = setImmediate(run);
    const interval = setInterval(run, repeat.everyMs);
    return () => {
      clearImmediate(first);
      clearInterval(interval);
    };
  }
  const nextOccurrence = () =>
    CronExpressionParser.parse(repeat.pattern, { tz: repeat.tz, currentDate: new Date() }).next().getTime();
  let nextAt = nextOccurrence();
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    // setTimeout overflows above 2^31-1 ms (about 24.8 days), so far occurrences are reached in steps
    const delay = Math.min(Math.max(0, nextAt - Date.now()), MAX_TIMEOUT_MS);
    timer = setTimeout(() => {
      if (Date.now() >= nextAt) {
        run();
        nextAt = nextOccurrence();
      }
      arm();
    }, delay);
  };
  arm();
  return () => clearTimeout(timer);
}

const MAX_TIMEOUT_MS = 2 ** 31 - 1;
