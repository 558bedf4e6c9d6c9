import { createDealInput, deal } from "@crm/contracts";
import { createDeal as create } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toDealDto } from "./dto";

export const createDeal = permission("deals:write")
  .meta({
    openapi: {
      method: "POST",
      path: "/deals",
      tags: ["deals"],
      summary: "Create a deal in a stage of a pipeline",
      description:
        "`stage` is the stage's id. The value's currency defaults to the organization's. " +
        "Writes a `created` activity.",
    },
  })
  .input(createDealInput)
  .output(deal)
  .mutation(async ({ ctx, input }) => toDealDto(await create(ctx.container.deals, ctx.actor, input)));
