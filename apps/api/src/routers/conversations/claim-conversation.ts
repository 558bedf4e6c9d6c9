import { conversation, idInput } from "@crm/contracts";
import { claimConversation as claim } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toConversationDto } from "./dto";

export const claimConversation = permission("conversations:write")
  .meta({
    userOnly: true,
    openapi: {
      method: "POST",
      path: "/conversations/{id}/claim",
      tags: ["conversations"],
      summary: "Assign an unassigned conversation to yourself",
      description:
        "Any member who can answer conversations, agents included (assigning anybody else needs " +
        "conversations:assign: `PATCH` with `assignedTo`). Already yours: answered as it is. Assigned to " +
        "someone else: 409, also to the one of two members claiming it at once who came second.",
    },
  })
  .input(idInput)
  .output(conversation)
  .mutation(async ({ ctx, input }) =>
    toConversationDto(await claim(ctx.container.conversations, ctx.actor, input.id)),
  );
