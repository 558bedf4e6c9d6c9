import { setTimeout as sleep } from "node:timers/promises";
import type { Kysely, Transaction } from "kysely";
import { postgresErrorCode } from "../errors";

/** deadlock_detected and serialization_failure: Postgres rolled the transaction back, running it again is safe. */
const retryableCodes = new Set(["40P01", "40001"]);

export const isRetryableTransactionError = (error: unknown): boolean =>
  retryableCodes.has(postgresErrorCode(error) ?? "");

export interface RetryOptions {
  /** runs in all, the first included */
  attempts?: number;
  /** the first wait's upper bound; each further one doubles it */
  baseDelayMs?: number;
}

/**
 * Runs `work` in a transaction, again (after a random wait, so the two sides of a deadlock do not meet
 * again) when Postgres aborted it as a deadlock victim or a serialization failure. `work` must only write
 * through the transaction: side effects such as events belong after the commit.
 */
export async function transactionWithRetry<DB, T>(
  db: Kysely<DB>,
  work: (trx: Transaction<DB>) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 4;
  const baseDelayMs = options.baseDelayMs ?? 20;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt >= attempts || !isRetryableTransactionError(error)) throw error;
      await sleep(Math.random() * baseDelayMs * 2 ** (attempt - 1));
    }
  }
}
