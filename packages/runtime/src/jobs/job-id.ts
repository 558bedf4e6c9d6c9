import type { EnqueueOptions } from "@crm/domain/shared/jobs";

/** BullMQ rejects custom ids that contain ":" or look like integers; the in-process queue enforces the same rules. */
export function assertValidJobId(jobId: string): void {
  if (jobId === "" || jobId.includes(":") || `${Number.parseInt(jobId, 10)}` === jobId) {
    throw new Error(`Invalid jobId "${jobId}": it must be non-empty, contain no ":" and not be an integer`);
  }
}

export function validateEnqueueOptions(options: EnqueueOptions): void {
  if (options.jobId !== undefined) assertValidJobId(options.jobId);
  if (options.attempts !== undefined && (!Number.isInteger(options.attempts) || options.attempts < 1)) {
    throw new Error(`Invalid attempts ${options.attempts}: it must be an integer >= 1`);
  }
  if (options.delayMs !== undefined && !(options.delayMs >= 0)) {
    throw new Error(`Invalid delayMs ${options.delayMs}: it must be >= 0`);
  }
}
