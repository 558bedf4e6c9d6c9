import { listMessagesInput, messagePage } from "@crm/contracts";
import { listMessages as list } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toMessageDto } from "./dto";

export const listMessages = permission("conversations:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/conversations/{id}/messages",
      tags: ["conversations"],
      summary: "A conversation's messages, newest first",
      description:
        "Ordered by sentAt (the provider's time), newest first; nextCursor pages back in time. Private " +
        "notes and deleted messages (without content) are included.",
    },
  })
  .input(listMessagesInput)
  .output(messagePage)
  .query(async ({ ctx, input }) => {
    const { id, cursor, limit } = input;
    const page = await list(ctx.container.conversations, ctx.actor, id, { cursor, limit });
    return { items: page.items.map(toMessageDto), nextCursor: page.nextCursor };
  });
