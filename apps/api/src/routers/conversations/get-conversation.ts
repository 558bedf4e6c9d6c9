import { conversation, idInput } from "@crm/contracts";
import { getConversation as get } from "@crm/domain";
import { etagResponseHeader } from "../../http/etag";
import { permission } from "../../trpc/init";
import { toConversationDto } from "./dto";

export const getConversation = permission("conversations:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/conversations/{id}",
      tags: ["conversations"],
      summary: "Get a conversation",
      responseHeaders: etagResponseHeader,
    },
  })
  .input(idInput)
  .output(conversation)
  .query(async ({ ctx, input }) =>
    toConversationDto(await get(ctx.container.conversations, ctx.actor, input.id)),
  );
