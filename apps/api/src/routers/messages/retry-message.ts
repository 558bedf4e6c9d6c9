import { idInput, message } from "@crm/contracts";
import { retryMessage as retry } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toMessageDto } from "../conversations/dto";

export const retryMessage = permission("conversations:write")
  .meta({
    openapi: {
      method: "POST",
      path: "/messages/{id}/retry",
      tags: ["messages"],
      summary: "Send a failed message again",
      description: "Only failed messages (409 otherwise); the same 422 checks as a first send.",
    },
  })
  .input(idInput)
  .output(message)
  .mutation(async ({ ctx, input }) =>
    toMessageDto(await retry(ctx.container.conversations, ctx.actor, input.id)),
  );
