import { conversation, idInput } from "@crm/contracts";
import { markConversationRead as markRead } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toConversationDto } from "./dto";

export const markConversationRead = permission("conversations:write")
  .meta({
    openapi: {
      method: "POST",
      path: "/conversations/{id}/read",
      tags: ["conversations"],
      summary:
        "Mark a conversation as read for the whole team (its unreadCount becomes 0); a user's own unread is POST /conversations/{conversationId}/mark-as-read",
    },
  })
  .input(idInput)
  .output(conversation)
  .mutation(async ({ ctx, input }) =>
    toConversationDto(await markRead(ctx.container.conversations, ctx.actor, input.id)),
  );
