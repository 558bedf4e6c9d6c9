import { conversation, idInput } from "@crm/contracts";
import { releaseConversation as release } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toConversationDto } from "./dto";

export const releaseConversation = permission("conversations:write")
  .meta({
    userOnly: true,
    openapi: {
      method: "POST",
      path: "/conversations/{id}/release",
      tags: ["conversations"],
      summary: "Give a conversation assigned to you back to unassigned",
      description:
        "The reverse of claim, for its assignee only. Already unassigned: answered as it is. Assigned to " +
        "someone else: 409 (owners and admins reassign with `PATCH` `assignedTo`).",
    },
  })
  .input(idInput)
  .output(conversation)
  .mutation(async ({ ctx, input }) =>
    toConversationDto(await release(ctx.container.conversations, ctx.actor, input.id)),
  );
