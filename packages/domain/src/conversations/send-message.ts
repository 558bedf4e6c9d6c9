import { actingApiKeyId } from "../auth/actor";
import type { Actor } from "../auth/model";
import { notFound } from "../shared/errors";
import { assignerOf } from "./assigner";
import { replyAssignee } from "./assignment";
import { messagePreview } from "./ingest-conversation";
import { parseMessageText } from "./message-rules";
import { assertTemplateChannel, type MessageTemplate, templateContent } from "./message-template";
import type { Message } from "./model";
import type { ConversationPatch, ConversationsDeps } from "./ports";
import { publishConversationChange, publishConversationEvent } from "./publish";
import { assertCanSend, messageSendAttempts } from "./sending";
import { visibleOrNotFound } from "./visibility";

/** Free text (or a note), or a WhatsApp template: the only message allowed outside the 24-hour window. */
export type SendMessageInput =
  | {
      text: string;
      /** A note for the team: stored, never sent. */
      isPrivate?: boolean | undefined;
      template?: undefined;
    }
  | { template: MessageTemplate; text?: undefined; isPrivate?: false | undefined };

/**
 * Writes in a conversation. A private note is only stored. A message to the customer is checked (active
 * integration, WhatsApp's 24-hour window) before anything is stored, stored `pending`, and handed to the
 * `message-send` job, which makes it `sent` or `failed`. A template (WhatsApp only) skips the window, and is
 * stored with a readable content and the template itself, which the job sends.
 */
export async function sendMessage(
  deps: ConversationsDeps,
  actor: Actor,
  conversationId: string,
  input: SendMessageInput,
): Promise<Message> {
  const organizationId = actor.organizationId;
  const isPrivate = input.isPrivate ?? false;
  const now = deps.clock.now();

  const { message, before, after } = await deps.store.transaction(async (repos) => {
    // Visibility is judged on the conversation as the sender saw it. The lock below may wait for another
    // member's reply that takes it: this one is still stored and sent, and leaves the assignee to the first.
    visibleOrNotFound(actor, await repos.conversations.findById(organizationId, conversationId));
    const conversation = await repos.conversations.findById(organizationId, conversationId, "update");
    if (!conversation) throw notFound("Conversation");
    const { template } = input;
    if (template) assertTemplateChannel(conversation.channel);
    const text = template
      ? templateContent(template)
      : parseMessageText(input.text, conversation.channel, isPrivate);
    if (!isPrivate) await assertCanSend(repos, conversation, now, { template: template !== undefined });
    const message = await repos.messages.create(organizationId, {
      conversationId,
      channel: conversation.channel,
      senderType: actor.kind === "user" ? "agent" : "bot",
      senderId: actor.kind === "user" ? actor.userId : null,
      apiKeyId: actingApiKeyId(actor),
      content: text,
      template: template ?? null,
      isPrivate,
      status: isPrivate ? null : "pending",
      sentAt: now,
    });
    if (isPrivate) return { message, before: undefined, after: undefined };
    // replying means the agent has read the conversation
    const patch: ConversationPatch = { unreadCount: 0 };
    const assignee = replyAssignee(actor, conversation);
    if (assignee) patch.assignedTo = assignee;
    if (!conversation.lastMessageAt || conversation.lastMessageAt <= now) {
      Object.assign(patch, {
        lastMessageAt: now,
        lastMessagePreview: messagePreview({ text, contentType: "text" }),
      });
    }
    return {
      message,
      before: conversation,
      after: await repos.conversations.update(organizationId, conversationId, patch, now),
    };
  });

  const stored = isPrivate ? message : await enqueueSend(deps, message);
  await publishConversationEvent(
    deps.events,
    organizationId,
    "new_message",
    { conversationId, messageId: message.id, direction: "outbound", isPrivate },
    now,
  );
  // announced as a claim is when the reply took the conversation (the sender as `assignedBy`: nobody is notified)
  if (before && after) {
    await publishConversationChange(deps.events, organizationId, before, after, now, assignerOf(actor));
  }
  return stored;
}

/** Hands the message to the send job; if the queue refuses it, the message fails at once, ready for a retry. */
export async function enqueueSend(
  deps: ConversationsDeps,
  message: Message,
  jobId = message.id,
): Promise<Message> {
  try {
    await deps.queue.enqueue(
      "message-send",
      { messageId: message.id },
      { jobId, attempts: messageSendAttempts },
    );
    return message;
  } catch {
    return deps.store.messages.setDelivery(message.organizationId, message.id, {
      status: "failed",
      at: deps.clock.now(),
      error: "The message could not be queued for sending; retry it",
    });
  }
}
