import { dealActivityPage, listDealActivitiesInput } from "@crm/contracts";
import { listDealActivities as list } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toDealActivityDto } from "./dto";

export const listDealActivities = permission("deals:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/deals/{id}/activities",
      tags: ["deals"],
      summary: "A deal's timeline, newest first: notes, calls, meetings, tasks and system activities",
    },
  })
  .input(listDealActivitiesInput)
  .output(dealActivityPage)
  .query(async ({ ctx, input }) => {
    const { id, cursor, limit } = input;
    const page = await list(ctx.container.deals, ctx.actor, id, { cursor, limit });
    return { items: page.items.map(toDealActivityDto), nextCursor: page.nextCursor };
  });
