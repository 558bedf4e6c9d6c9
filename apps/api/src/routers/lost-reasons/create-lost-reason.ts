import { createLostReasonInput, lostReason } from "@crm/contracts";
import { createLostReason as create } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toLostReasonDto } from "../deals/dto";

// managing the list takes what managing pipelines takes
export const createLostReason = permission("organizations:write")
  .meta({
    openapi: {
      method: "POST",
      path: "/lost-reasons",
      tags: ["lost-reasons"],
      summary: "Add a predefined lost reason at the end of the list",
      description: "A name the organization already has (letter case aside) answers 409.",
    },
  })
  .input(createLostReasonInput)
  .output(lostReason)
  .mutation(async ({ ctx, input }) => toLostReasonDto(await create(ctx.container.deals, ctx.actor, input)));
