import { DomainError, isDomainError } from "../shared/errors";
import type { Logger } from "../shared/logger";
import { advanceStatus } from "./delivery-status";
import type { Message } from "./model";
import { channelMessageIdTaken, type DeliveryDeps } from "./ports";
import { messageStatusChanged, publishConversationEvent } from "./publish";

export type DeliveryOutcome = "sent" | "failed" | "skipped";

/**
 * What the send job adds: a logger for the provider ids it could not store, and a pause between attempts
 * to record the provider's answer (the domain has no timers; without it they follow one another at once).
 */
export interface DeliveryExtras {
  logger?: Logger;
  pause?: (ms: number) => Promise<void>;
}

export interface DeliveryAttempt {
  /** 1-based */
  number: number;
  max: number;
}

/** What a pending message whose send started but never recorded its result fails with. */
export const interruptedSendError =
  "Sending was interrupted and may have reached the customer; check the conversation before sending it again";

/** What a message fails with when the provider did not say whether it took it (no answer, a proxy's 502). */
export const unconfirmedSendError =
  "The provider did not confirm the message and it may have reached the customer; check the conversation " +
  "before sending it again";

/** How often the provider's answer is written before the job gives up (it is never sent again for that). */
const recordAttempts = 3;
const recordBackoffMs = [200, 1000];

/**
 * The `message-send` job: sends a pending message through its conversation's channel. The message becomes
 * `sent` with the provider's id, or `failed` with the provider's error; a temporary error is thrown while
 * attempts remain, so the queue retries. Statuses only move forward, so a delivery callback that beat us
 * here is kept. A message that is no longer pending (already sent, retried elsewhere) is left alone, and
 * of two jobs running at once for one message only the one that claims it sends it.
 *
 * A job sends a message at most once: the claim marks the send as started, and only an answer that nothing
 * reached the customer undoes that (the provider's temporary refusal, a connection that was never made). A
 * send whose outcome is unknown (a timeout or a connection lost after the request left) is not sent again,
 * except where the provider drops the repeat (the adapter says it is retryable): the message fails with
 * `unconfirmedSendError`. A job that finds a send started but its result never recorded (the worker died
 * mid-send, the database failed after the provider accepted it) does not send: the message fails with
 * `interruptedSendError`. Both are for a person to check and retry by hand.
 */
export async function deliverMessage(
  deps: DeliveryDeps & DeliveryExtras,
  messageId: string,
  attempt: DeliveryAttempt,
): Promise<DeliveryOutcome> {
  const target = await deps.store.messages.findDeliveryTarget(messageId);
  if (!target) return "skipped";
  const { message, conversation, sendStartedAt } = target;
  if (message.status !== "pending" || message.isPrivate || message.direction !== "outbound") return "skipped";
  if (sendStartedAt) return failInterrupted(deps, message);
  if (message.deletedAt) return finish(deps, message, { ok: false, error: "Deleted before it was sent" });

  let connected: Awaited<ReturnType<typeof deps.channels.credentials.get>>;
  try {
    connected = conversation.integrationId
      ? await deps.channels.credentials.get(conversation.organizationId, conversation.integrationId)
      : undefined;
  } catch (error) {
    // e.g. a worker whose ENCRYPTION_KEY is not the API's: on the last attempt the message fails, retryable by
    // hand, rather than staying pending for the sweeper to send it into the same wall every minute
    if (attempt.number < attempt.max) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    return finish(deps, message, {
      ok: false,
      error: `The ${conversation.channel} integration's credentials could not be read: ${reason}`,
    });
  }
  if (!connected?.isActive || connected.channel !== conversation.channel) {
    return finish(deps, message, {
      ok: false,
      error: `The conversation's ${conversation.channel} integration is missing or inactive`,
    });
  }
  if (!conversation.channelThreadId) {
    return finish(deps, message, { ok: false, error: "The conversation has no thread to write to" });
  }

  // two jobs for one message (a sweeper's re-enqueue, a retry) may run at once: only the claimer sends. From
  // here on the send counts as started: a crash, or an error thrown by the adapter, leaves the message for the
  // next job to fail as interrupted rather than send again
  const claimedAt = deps.clock.now();
  if (!(await deps.store.messages.claimPendingSend(message.id, message.statusAt, claimedAt))) {
    return "skipped";
  }
  const result = await deps.channels.adapters.get(connected.channel).send(connected.config, {
    threadId: conversation.channelThreadId,
    text: message.content,
    ...(message.template && { template: message.template }),
    idempotencyKey: message.id,
  });
  if (!result.ok && result.retryable && attempt.number < attempt.max) {
    // nothing reached the customer (or the provider drops a repeat), so the queue's next attempt may send it
    await deps.store.messages.releasePendingSend(message.id, claimedAt);
    const what = result.outcomeUnknown ? "did not confirm the message" : "refused the message";
    throw new DomainError("PROVIDER_ERROR", `${conversation.channel} ${what}: ${result.error}`);
  }
  if (!result.ok && result.outcomeUnknown) {
    deps.logger?.warn(
      { messageId: message.id, conversationId: message.conversationId, error: result.error },
      "the provider did not confirm the message: failed, not sent again",
    );
  }
  // the provider's answer (or its silence) is written here, retried a few times, and never by sending again
  return record(
    deps,
    message,
    result.ok ? result : { ok: false, error: result.outcomeUnknown ? unconfirmedSendError : result.error },
  );
}

type Result = { ok: true; channelMessageId?: string } | { ok: false; error: string };

/**
 * `finish` after the provider answered, tried `recordAttempts` times (a database hiccup must not make the job
 * retry, which would find the send started and fail the message). A provider's id that another message of the
 * conversation already holds (a provider reusing ids) is dropped: the message is still `sent`, without it.
 */
async function record(
  deps: DeliveryDeps & DeliveryExtras,
  message: Message,
  answer: Result,
): Promise<DeliveryOutcome> {
  let result = answer;
  for (let failures = 0; ; ) {
    try {
      return await finish(deps, message, result);
    } catch (error) {
      if (result.ok && result.channelMessageId !== undefined && isChannelMessageIdTaken(error)) {
        deps.logger?.warn(
          {
            messageId: message.id,
            conversationId: message.conversationId,
            channelMessageId: result.channelMessageId,
          },
          "message sent, but another message of the conversation has its provider id: stored without it",
        );
        result = { ok: true };
        continue;
      }
      failures += 1;
      if (failures >= recordAttempts) throw error;
      await deps.pause?.(recordBackoffMs[failures - 1] ?? 1000);
    }
  }
}

const isChannelMessageIdTaken = (error: unknown): boolean =>
  isDomainError(error) && error.code === "CONFLICT" && error.details?.reason === channelMessageIdTaken;

async function failInterrupted(deps: DeliveryDeps, message: Message): Promise<DeliveryOutcome> {
  const now = deps.clock.now();
  const stored = await deps.store.messages.failInterruptedSend(message.id, now, interruptedSendError);
  if (!stored) return "skipped";
  await publishConversationEvent(
    deps.events,
    message.organizationId,
    "message_status",
    messageStatusChanged(stored),
    now,
  );
  return "failed";
}

async function finish(deps: DeliveryDeps, message: Message, result: Result): Promise<DeliveryOutcome> {
  const organizationId = message.organizationId;
  const now = deps.clock.now();
  const stored = await deps.store.transaction(async (repos) => {
    const current = await repos.messages.findById(organizationId, message.id, "update");
    if (!current) return undefined;
    const status = advanceStatus(current.status, result.ok ? "sent" : "failed");
    return repos.messages.setDelivery(organizationId, message.id, {
      status,
      at: now,
      error: status === "failed" && !result.ok ? result.error : current.errorMessage,
      ...(result.ok &&
        result.channelMessageId !== undefined && { channelMessageId: result.channelMessageId }),
    });
  });
  if (!stored) return "skipped";
  await publishConversationEvent(
    deps.events,
    organizationId,
    "message_status",
    messageStatusChanged(stored),
    now,
  );
  return result.ok ? "sent" : "failed";
}
