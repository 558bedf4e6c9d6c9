import { lostReason, updateLostReasonInput } from "@crm/contracts";
import { updateLostReason as update } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toLostReasonDto } from "../deals/dto";

export const updateLostReason = permission("organizations:write")
  .meta({
    openapi: {
      method: "PATCH",
      path: "/lost-reasons/{id}",
      tags: ["lost-reasons"],
      summary: "Rename, move, archive or unarchive a lost reason",
      description:
        "`position` moves the reason to that place (the others shift); a place outside the list is a 400 with " +
        '`data.fieldReasons.position` `"out_of_range"`. Archived reasons are never deleted: ' +
        "deals lost for them keep them, but they cannot be picked to lose a deal.",
    },
  })
  .input(updateLostReasonInput)
  .output(lostReason)
  .mutation(async ({ ctx, input }) => {
    const { id, ...patch } = input;
    return toLostReasonDto(await update(ctx.container.deals, ctx.actor, id, patch));
  });
