import type { JobPayloads, QueueName } from "@crm/domain/shared/jobs";

/** A cron `pattern` (optionally in a time zone) or a fixed interval in milliseconds. */
export type RepeatSchedule = { pattern: string; tz?: string } | { everyMs: number };

/** Registers repeatable jobs; calling it again with the same name replaces the schedule. */
export interface JobScheduler {
  schedule<Q extends QueueName>(
    queue: Q,
    name: string,
    repeat: RepeatSchedule,
    payload: JobPayloads[Q],
  ): Promise<void>;
}
