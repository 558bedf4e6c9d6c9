import { conversationCounts, conversationCountsInput } from "@crm/contracts";
import { countConversations as count } from "@crm/domain";
import { permission } from "../../trpc/init";

export const countConversations = permission("conversations:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/conversations/counts",
      tags: ["conversations"],
      summary: "How many conversations are yours, unassigned, all you may see, and unread",
      description:
        "The sizes of the inbox's assignee filters for a status (absent: every status, as the list) and " +
        "channel. Agents count only the conversations assigned to them and the unassigned ones. `unread` counts " +
        "those of them that are open or pending (never closed or snoozed) with a message you have not read " +
        "(your own reads; another member's read does not clear it): the inbox badge, asked without a status. " +
        "An API key, which reads nothing, gets those whose team `unreadCount` is above 0.",
    },
  })
  .input(conversationCountsInput)
  .output(conversationCounts)
  .query(({ ctx, input }) => count(ctx.container.conversations, ctx.actor, input));
