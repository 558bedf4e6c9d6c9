import { message, sendMessageInput } from "@crm/contracts";
import { sendMessage as send } from "@crm/domain";
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
        "(`message_status` events tell). `isPrivate: true` stores a note for the team, never sent. " +
        "422 when the channel integration is missing or inactive, or on WhatsApp more than 24 hours " +
        "after the customer's last message.",
    },
  })
  .input(sendMessageInput)
  .output(message)
  .mutation(async ({ ctx, input }) => {
    const { id, ...body } = input;
    return toMessageDto(await send(ctx.container.conversations, ctx.actor, id, body));
  });
