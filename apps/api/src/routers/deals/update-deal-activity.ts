import { dealActivity, updateDealActivityInput } from "@crm/contracts";
import { setDealActivityDone } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toDealActivityDto } from "./dto";

export const updateDealActivity = permission("deals:write")
  .meta({
    openapi: {
      method: "PATCH",
      path: "/deals/{id}/activities/{activityId}",
      tags: ["deals"],
      summary: "Mark a task, call or meeting done (or not done)",
    },
  })
  .input(updateDealActivityInput)
  .output(dealActivity)
  .mutation(async ({ ctx, input }) =>
    toDealActivityDto(
      await setDealActivityDone(ctx.container.deals, ctx.actor, input.id, input.activityId, input.done),
    ),
  );
