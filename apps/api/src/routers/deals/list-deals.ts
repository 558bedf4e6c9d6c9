import { dealPage, listDealsInput } from "@crm/contracts";
import { listDeals as list } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toUpdatedRange } from "../shared/updated-range";
import { toDealDto } from "./dto";

export const listDeals = permission("deals:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/deals",
      tags: ["deals"],
      summary:
        "List deals, newest first, by pipeline, stage, status, assignee, contact, value, rotting or text search",
      description:
        "To sync changes: sort=updatedAt with updatedFrom (see the README's Syncing changes); rows changed " +
        "while you page come again at the end.",
    },
  })
  .input(listDealsInput)
  .output(dealPage)
  .query(async ({ ctx, input }) => {
    const page = await list(ctx.container.deals, ctx.actor, { ...input, ...toUpdatedRange(input) });
    return { items: page.items.map(toDealDto), nextCursor: page.nextCursor };
  });
