import { conversationPage, listConversationsInput } from "@crm/contracts";
import { listConversations as list } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toConversationDto } from "./dto";

export const listConversations = permission("conversations:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/conversations",
      tags: ["conversations"],
      summary: "The inbox: conversations, newest activity first",
      description:
        "Filters: status, assignee (`me`, `unassigned` or a user id), channel, contactId, unread. " +
        "Agents only get the conversations assigned to them and the unassigned ones.",
    },
  })
  .input(listConversationsInput)
  .output(conversationPage)
  .query(async ({ ctx, input }) => {
    const page = await list(ctx.container.conversations, ctx.actor, input);
    return { items: page.items.map(toConversationDto), nextCursor: page.nextCursor };
  });
