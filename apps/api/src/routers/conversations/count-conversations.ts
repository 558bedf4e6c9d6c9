import { conversationCounts, conversationCountsInput } from "@crm/contracts";
import { countConversations as count } from "@crm/domain";
import { permission } from "../../trpc/init";

export const countConversations = permission("conversations:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/conversations/counts",
      tags: ["conversations"],
      summary: "How many conversations are yours, unassigned, and all you may see",
      description:
        "The sizes of the inbox's assignee filters for a status (absent: every status, as the list) and " +
        "channel. Agents count only the conversations assigned to them and the unassigned ones.",
    },
  })
  .input(conversationCountsInput)
  .output(conversationCounts)
  .query(({ ctx, input }) => count(ctx.container.conversations, ctx.actor, input));
