import { unreadCountsInput, unreadCountsOutput } from "@crm/contracts/realtime/read-state";
import { unreadCountsForUser } from "@crm/domain/realtime/read-state";
import { permission } from "../../trpc/init";

/** tRPC only: the web app asks for the conversations it shows. */
export const unreadCounts = permission("conversations:read")
  .meta({ userOnly: true })
  .input(unreadCountsInput)
  .output(unreadCountsOutput)
  .query(({ ctx, input }) => unreadCountsForUser(ctx.container.realtime, ctx.actor, input.conversationIds));
