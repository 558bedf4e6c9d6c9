import { DomainError } from "../shared/errors";
import { advanceStatus } from "./delivery-status";
import type { Message } from "./model";
import type { DeliveryDeps } from "./ports";
import { messageStatusChanged, publishConversationEvent } from "./publish";

export type DeliveryOutcome = "sent" | "failed" | "skipped";

export interface DeliveryAttempt {
  /** 1-based */
  number: number;
  max: number;
}

/**
 * The `message-send` job: sends a pending message through its conversation's channel. The message becomes
 * `sent` with the provider's id, or `failed` with the provider's error; a temporary error is thrown while
 * attempts remain, so the queue retries. Statuses only move forward, so a delivery callback that beat us
 * here is kept. A message that is no longer pending (already sent, retried elsewhere) is left alone, and
 * of two jobs running at once for one message only the one that claims it sends it.
 */
export async function deliverMessage(
  deps: DeliveryDeps,
  messageId: string,
  attempt: DeliveryAttempt,
): Promise<DeliveryOutcome> {
  const target = await deps.store.messages.findDeliveryTarget(messageId);
  if (!target) return "skipped";
  const { message, conversation } = target;
  if (message.status !== "pending" || message.isPrivate || message.direction !== "outbound") return "skipped";
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

  // two jobs for one message (a sweeper's re-enqueue, a retry) may run at once: only the claimer sends
  if (!(await deps.store.messages.claimPendingSend(message.id, message.statusAt, deps.clock.now()))) {
    return "skipped";
  }
  const result = await deps.channels.adapters.get(connected.channel).send(connected.config, {
    threadId: conversation.channelThreadId,
    text: message.content,
    ...(message.template && { template: message.template }),
  });
  if (!result.ok && result.retryable && attempt.number < attempt.max) {
    throw new DomainError("PROVIDER_ERROR", `${conversation.channel} refused the message: ${result.error}`);
  }
  return finish(deps, message, result.ok ? result : { ok: false, error: result.error });
}

async function finish(
  deps: DeliveryDeps,
  message: Message,
  result: { ok: true; channelMessageId: string } | { ok: false; error: string },
): Promise<DeliveryOutcome> {
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
      ...(result.ok && { channelMessageId: result.channelMessageId }),
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
