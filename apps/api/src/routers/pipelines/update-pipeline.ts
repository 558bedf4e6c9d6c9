import { pipeline, updatePipelineInput } from "@crm/contracts";
import { updatePipeline as update } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toPipelineDto } from "../deals/dto";

export const updatePipeline = permission("organizations:write")
  .meta({
    openapi: {
      method: "PATCH",
      path: "/pipelines/{id}",
      tags: ["pipelines"],
      summary: "Rename a pipeline or edit its stages",
      description:
        "`stages` is the full new list, in order: stages with an id keep it, stages without one are created, " +
        "missing ones are removed (needs deals:delete). Removing a stage that has deals needs " +
        "`moveDealsToStageId`, else 409 and nothing changes.",
    },
  })
  .input(updatePipelineInput)
  .output(pipeline)
  .mutation(async ({ ctx, input }) => {
    const { id, ...patch } = input;
    return toPipelineDto(await update(ctx.container.deals, ctx.actor, id, patch));
  });
