import { contactImportQueue } from "./contact-import";
import type { ContactsDeps } from "./ports";

/**
 * A run moves `updated_at` forward with every committed batch (a few seconds apart), so an import queued or
 * running with no progress for this long lost its job: Redis lost it, or the worker died and the queue gave up.
 */
export const importStaleAfterMs = 2 * 60_000;
const batchSize = 100;

/**
 * The `contacts-import-sweep` job: enqueues again the imports whose job was lost. Claiming one moves its
 * `updated_at` to now, so the next sweeps leave it to the new job for another `importStaleAfterMs`. A new
 * job resumes after the last committed batch; should the old one still be alive, the import's row lock
 * and progress check stop whichever run is behind, so no row is imported twice.
 */
export async function sweepStalledImports(
  deps: Pick<ContactsDeps, "store" | "queue" | "clock">,
): Promise<string[]> {
  const now = deps.clock.now();
  const stale = await deps.store.imports.claimStale(
    new Date(now.getTime() - importStaleAfterMs),
    now,
    batchSize,
  );
  for (const importId of stale) {
    // an id of its own: the lost job may still sit in the queue's failed set under the import's usual id
    await deps.queue.enqueue(
      contactImportQueue,
      { importId },
      { jobId: `contacts-import-${importId}-${now.getTime()}` },
    );
  }
  return stale;
}
