import type { Clock } from "../auth/ports";
import type { JobQueue } from "../shared/jobs";
import type { MessageRepository } from "./ports";
import { messageSendAttempts } from "./sending";

/**
 * Longer than a send takes with its retries (a 15 s provider timeout, 1 + 2 s of backoff), so a live send
 * is not mistaken for a lost one.
 */
export const pendingSendStaleAfterMs = 60_000;
const batchSize = 1000;

export interface SendSweepDeps {
  store: { messages: Pick<MessageRepository, "findStalePendingSends"> };
  queue: JobQueue;
  clock: Clock;
}

/**
 * The `send-sweep` job: an outbound message still pending a minute after it was stored (or last claimed)
 * lost its send job (Redis lost it, a worker died). It gets a send job again under its own id, replacing a
 * finished one the queue may keep. Sending twice cannot follow: the send job claims the message first, and
 * one whose send had started (an attempt that died, or could not record the provider's answer) is not sent
 * again but failed, for a person to check.
 */
export async function sweepPendingSends(deps: SendSweepDeps): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - pendingSendStaleAfterMs);
  const ids = await deps.store.messages.findStalePendingSends(before, batchSize);
  for (const messageId of ids) {
    await deps.queue.enqueue(
      "message-send",
      { messageId },
      { jobId: messageId, attempts: messageSendAttempts, replaceFinished: true },
    );
  }
  return ids.length;
}
