import type { Actor } from "../auth/model";
import { DomainError } from "../shared/errors";
import { visibleMessage } from "./message-queries";
import type { Message } from "./model";
import type { ConversationsDeps } from "./ports";
import { messageStatusChanged, publishConversationEvent } from "./publish";
import { enqueueSend } from "./send-message";
import { assertCanSend } from "./sending";

/** Sends a failed message again: the same checks as a first send, then `pending` and a new send job. */
export async function retryMessage(deps: ConversationsDeps, actor: Actor, id: string): Promise<Message> {
  const organizationId = actor.organizationId;
  const now = deps.clock.now();
  const pending = await deps.store.transaction(async (repos) => {
    const { message, conversation } = await visibleMessage(repos, actor, id, "update");
    if (message.direction !== "outbound" || message.isPrivate || message.deletedAt) {
      throw new DomainError("UNPROCESSABLE", "Only messages sent to the customer can be sent again");
    }
    if (message.status !== "failed") {
      throw new DomainError(
        "CONFLICT",
        `Only failed messages can be sent again; this one is ${message.status ?? "not sent"}`,
      );
    }
    await assertCanSend(repos, conversation, now, { template: message.template !== null });
    // an explicit reset by a person, not a provider's callback: failed may go back to pending here. Clearing
    // the send's start lets the job send it again, even after an interrupted send that may have reached the
    // customer: the person chose to send it again.
    return repos.messages.setDelivery(organizationId, id, {
      status: "pending",
      at: now,
      error: null,
      sendStartedAt: null,
    });
  });
  // the first job's id may still be kept by the queue (finished jobs are, for a while), so each retry has its own
  const stored = await enqueueSend(deps, pending, `${id}-retry-${now.getTime()}`);
  await publishConversationEvent(
    deps.events,
    organizationId,
    "message_status",
    messageStatusChanged(stored),
    now,
  );
  return stored;
}
