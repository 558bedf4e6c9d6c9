import { idInput, message } from "@crm/contracts";
import { deleteMessage as remove } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toMessageDto } from "../conversations/dto";

export const deleteMessage = permission("conversations:write")
  .meta({
    openapi: {
      method: "DELETE",
      path: "/messages/{id}",
      tags: ["messages"],
      summary: "Delete a message here (its content and media are erased; the provider keeps its copy)",
      description:
        "The message stays in its thread with empty content and `deletedAt`. Answers the redacted message.",
    },
  })
  .input(idInput)
  .output(message)
  .mutation(async ({ ctx, input }) =>
    toMessageDto(await remove(ctx.container.conversations, ctx.actor, input.id)),
  );
