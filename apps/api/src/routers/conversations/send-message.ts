import { sendMessageInput, sentMessage } from "@crm/contracts";
import { type SendMessageInput, sendMessage as send } from "@crm/domain";
import { describeNoteMentions } from "@crm/domain/notifications/note-mentions";
import { permission } from "../../trpc/init";
import { toMessageDto } from "./dto";

export const sendMessage = permission("conversations:write")
  .meta({
    openapi: {
      method: "POST",
      path: "/conversations/{id}/messages",
      tags: ["conversations"],
      summary: "Send a message, or add a private note",
      description:
        "A message is stored `pending` and sent in the background: it becomes `sent` or `failed` " +
        "(`message_status` events tell). A signed-in member's message to an unassigned conversation assigns it " +
        "to them (`conversation_assigned`, as a claim; of two at once the first wins and both are sent); an API " +
        "key's does not. `isPrivate: true` stores a note for the team, never sent, and assigns nobody. " +
        "422 when the channel integration is missing or inactive, or on WhatsApp more than 24 hours " +
        "after the customer's last message, unless it is a `template` (WhatsApp only: 422 on other channels). " +
        "A provider's refusal of a template (unknown name or language, wrong parameter count) makes it `failed` " +
        "with the provider's error. A note's answer has `mentions`: the members its `@Full Name`, " +
        "`@email` or `@FirstName` mentions notify (letter case and accents do not matter), and those it does " +
        "not with the reason: a first name several members share, or an agent who cannot see the conversation.",
    },
  })
  .input(sendMessageInput)
  .output(sentMessage)
  .mutation(async ({ ctx, input }) => {
    const { id, text, isPrivate, template } = input;
    const body: SendMessageInput = template
      ? { template: { ...template, bodyParameters: template.bodyParameters ?? [] } }
      : { text: text ?? "", isPrivate };
    const sent = toMessageDto(await send(ctx.container.conversations, ctx.actor, id, body));
    if (!sent.isPrivate) return sent;
    const mentions = await describeNoteMentions(
      ctx.container.realtime.notifications,
      ctx.actor.organizationId,
      sent.id,
    );
    return mentions ? { ...sent, mentions } : sent;
  });
