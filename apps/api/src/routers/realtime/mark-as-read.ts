import { markAsReadInput, markAsReadOutput } from "@crm/contracts/realtime/read-state";
import { markAsReadForUser } from "@crm/domain/realtime/read-state";
import { permission } from "../../trpc/init";

export const markAsRead = permission("conversations:read")
  .meta({
    userOnly: true,
    openapi: {
      method: "POST",
      path: "/conversations/{conversationId}/mark-as-read",
      tags: ["conversations"],
      summary:
        "Mark a conversation read for the signed-in user (their own unread only; the team's unreadCount is POST /conversations/{id}/read)",
    },
  })
  .input(markAsReadInput)
  .output(markAsReadOutput)
  .mutation(async ({ ctx, input }) => {
    const read = await markAsReadForUser(ctx.container.realtime, ctx.actor, input.conversationId);
    return {
      conversationId: read.conversationId,
      lastReadAt: read.lastReadAt.toISOString(),
      unread: 0 as const,
    };
  });
