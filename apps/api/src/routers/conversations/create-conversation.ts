import { conversation, createConversationInput } from "@crm/contracts";
import { startConversation } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toConversationDto } from "./dto";

export const createConversation = permission("conversations:write")
  .meta({
    openapi: {
      method: "POST",
      path: "/conversations",
      tags: ["conversations"],
      summary: "Start a conversation with a contact on a channel integration",
      description:
        "One conversation per contact and channel: 409 with `existingId` when there is one. WhatsApp " +
        "reaches the contact's phone; Telegram and Slack need the contact to have written there once.",
    },
  })
  .input(createConversationInput)
  .output(conversation)
  .mutation(async ({ ctx, input }) =>
    toConversationDto(await startConversation(ctx.container.conversations, ctx.actor, input)),
  );
