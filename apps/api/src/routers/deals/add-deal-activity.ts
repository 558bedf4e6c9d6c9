import { addDealActivityInput, dealActivity } from "@crm/contracts";
import { addDealActivity as add } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toDealActivityDto } from "./dto";

export const addDealActivity = permission("deals:write")
  .meta({
    openapi: {
      method: "POST",
      path: "/deals/{id}/activities",
      tags: ["deals"],
      summary: "Add a note, call, meeting or task to a deal",
    },
  })
  .input(addDealActivityInput)
  .output(dealActivity)
  .mutation(async ({ ctx, input }) => {
    const { id, dueAt, ...activity } = input;
    const due = dueAt === undefined || dueAt === null ? dueAt : new Date(dueAt);
    return toDealActivityDto(await add(ctx.container.deals, ctx.actor, id, { ...activity, dueAt: due }));
  });
