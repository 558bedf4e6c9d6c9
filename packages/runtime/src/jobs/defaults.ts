export const DEFAULT_ATTEMPTS = 5;
/** First retry waits this long; each further retry doubles it. */
export const DEFAULT_BACKOFF_DELAY_MS = 1000;

/** Delay before retrying after the given failed attempt (1-based), as BullMQ's exponential backoff computes it. */
export function exponentialBackoffMs(failedAttempt: number, baseDelayMs: number): number {
  return 2 ** (failedAttempt - 1) * baseDelayMs;
}
